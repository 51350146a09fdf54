import { useState } from "react";

/** A success message and a setter; render the message with StatusMessage. */
export const useStatusMessage = () => useState("");

/** A polite live region that is always present, so that new messages are announced. */
export function StatusMessage({ message }: { message: string }) {
  return (
    <p role="status" className={message ? "alert success" : "status-empty"}>
      {message}
    </p>
  );
}

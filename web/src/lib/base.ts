/** Where the Kaja server mounts the admin app. */
export const BASE = "/app";

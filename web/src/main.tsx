import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiError, isUnauthorized } from "./api.ts";
import { LocaleProvider, storedLocale } from "./i18n/locale.tsx";
import { loadMessages } from "./i18n/messages.ts";
import { meQueryKey } from "./lib/me.ts";
import { router } from "./router.tsx";
import "./styles.css";

// A 401 anywhere means the session ended: re-check "me", and the signed-in layout sends the user to sign-in.
const onError = (error: unknown, key?: readonly unknown[]) => {
  if (isUnauthorized(error) && key?.[0] !== meQueryKey[0]) {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  }
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onError(error) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // Only retry what may pass on a second try: no answer or a server error.
      retry: (failures, error) =>
        failures < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
  },
});

const locale = storedLocale();
const messages = await loadMessages(locale);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <LocaleProvider locale={locale} messages={messages}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </LocaleProvider>
  </StrictMode>,
);

import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { IntlProvider } from "react-intl";
import { setApiLanguage } from "../api.ts";
import { isLocale, type Locale, loadMessages, type Messages } from "./messages.ts";

const STORAGE_KEY = "kaja.locale";

/** The remembered language, else Estonian. */
export function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : "et";
  } catch {
    return "et";
  }
}

function applyLocale(locale: Locale) {
  document.documentElement.lang = locale;
  setApiLanguage(locale);
}

type LocaleContext = { locale: Locale; setLocale: (locale: Locale) => Promise<void> };
const Context = createContext<LocaleContext>({ locale: "et", setLocale: async () => {} });

/** The chosen language and a way to change it (remembered in localStorage). */
export const useLocale = () => useContext(Context);

type LocaleProviderProps = { locale: Locale; messages: Messages; children: ReactNode };

/** Provides react-intl with the current catalogue and switches languages on request. */
export function LocaleProvider({
  locale: initial,
  messages: initialMessages,
  children,
}: LocaleProviderProps) {
  const [state, setState] = useState({ locale: initial, messages: initialMessages });
  applyLocale(state.locale);

  const setLocale = useCallback(async (locale: Locale) => {
    const messages = await loadMessages(locale);
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private browsing may forbid storage; the choice then lasts for this page only.
    }
    setState({ locale, messages });
  }, []);

  const value = useMemo(() => ({ locale: state.locale, setLocale }), [state.locale, setLocale]);
  return (
    <Context value={value}>
      <IntlProvider locale={state.locale} messages={state.messages} defaultLocale="et">
        {children}
      </IntlProvider>
    </Context>
  );
}

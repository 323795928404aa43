import { createContext, useContext } from "react";

/** The per-request CSP nonce (server.js makes it), for the few inline scripts Remix renders. */
export const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export function useNonce(): string {
  return useContext(NonceContext);
}

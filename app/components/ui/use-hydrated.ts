import { useEffect, useState } from "react";

let hydrated = false;

/**
 * False on the server and during the first render in the browser, true once React has hydrated: for the
 * few controls that exist only for a browser without JavaScript (they submit the form to get what a script
 * would fetch).
 */
export function useHydrated(): boolean {
  const [value, setValue] = useState(hydrated);
  useEffect(() => {
    hydrated = true;
    setValue(true);
  }, []);
  return value;
}

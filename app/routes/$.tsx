import { GeneralErrorBoundary } from "~/components/error-page";
import { notFound } from "~/lib/http.server";

// Any address no route claims: the 404 page, in the viewer's language, inside the normal layout.
export async function loader() {
  throw notFound();
}

export async function action() {
  throw notFound();
}

export default function NotFound() {
  return null; // never rendered: the loader always throws
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import Link from "next/link";
import { Button } from "./_components/ui/button";

export default function NotFound() {
  return (
    <div className="grid min-h-[60dvh] place-items-center px-6 text-center">
      <div>
        <p className="font-mono text-sm text-muted-foreground">404</p>
        <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
        <p className="mt-2 text-sm text-muted-foreground">There is nothing here, or it is not yours to see.</p>
        <Button asChild className="mt-6">
          <Link href="/projects">Back to projects</Link>
        </Button>
      </div>
    </div>
  );
}

import Link from "next/link";
import { Logo } from "../_components/logo";
import { requirePageUser } from "../_lib/page-user";
import { UserMenu } from "./user-menu";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return (
    <div className="min-h-dvh bg-muted/30">
      <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-6">
          <Logo href="/projects" />
          <nav className="flex items-center gap-4 text-sm text-muted-foreground">
            <Link href="/projects" className="hover:text-foreground">
              Projects
            </Link>
            <Link href="/usage" className="hover:text-foreground">
              Usage
            </Link>
            <Link href="/settings/ai" className="hover:text-foreground">
              Settings
            </Link>
          </nav>
          <div className="ml-auto">
            <UserMenu name={user.name} email={user.email} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}

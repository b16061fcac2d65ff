import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { Logo } from "../_components/logo";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  if (await currentUser()) redirect("/projects");
  return (
    <div className="grid min-h-dvh place-items-center bg-gradient-to-b from-accent/60 to-background px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Logo />
        </div>
        {children}
      </div>
    </div>
  );
}

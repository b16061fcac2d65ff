"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "../../../_components/ui/cn";

/** The project's sections; each page renders it under its own heading. */
export function ProjectNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const links = [
    { href: `/projects/${slug}`, label: "Overview" },
    { href: `/projects/${slug}/export`, label: "Export" },
    { href: `/projects/${slug}/connect`, label: "Connect an agent" },
  ];
  return (
    <nav aria-label="Project" className="flex gap-1 border-b">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={pathname === link.href ? "page" : undefined}
          className={cn("-mb-px border-b-2 px-3 py-2 text-sm", pathname === link.href ? "border-primary font-medium" : "border-transparent text-muted-foreground hover:text-foreground")}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}

import { redirect } from "next/navigation";

/** Settings has one section so far; /settings goes straight to it. */
export default function SettingsPage() {
  redirect("/settings/ai");
}

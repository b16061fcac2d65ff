import { CloudIcon, FileIcon, LayersIcon, LayoutTemplateIcon, type LucideIcon, ServerIcon, SmartphoneIcon, TerminalIcon } from "lucide-react";

const icons: Record<string, LucideIcon> = {
  cloud: CloudIcon,
  server: ServerIcon,
  "layout-template": LayoutTemplateIcon,
  smartphone: SmartphoneIcon,
  terminal: TerminalIcon,
  layers: LayersIcon,
  file: FileIcon,
};

export function TemplateIcon({ name, className }: { name: string | null; className?: string }) {
  const Icon = (name && icons[name]) || FileIcon;
  return <Icon className={className} aria-hidden />;
}

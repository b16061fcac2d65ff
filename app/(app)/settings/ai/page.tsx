import type { Metadata } from "next";
import { listProviderConfigs } from "@/lib/ai/provider-configs";
import { db } from "@/lib/db/client";
import { requirePageUser } from "../../../_lib/page-user";
import { ProviderForm } from "./provider-form";
import { ProviderList, type ProviderRow } from "./provider-list";

export const metadata: Metadata = { title: "AI providers" };

export default async function AiSettingsPage() {
  const user = await requirePageUser();
  const configs = await listProviderConfigs(db, user.id);
  // Only what the browser needs: the masked key, never the key or its ciphertext.
  const rows: ProviderRow[] = configs.map(({ id, provider, label, defaultModel, baseUrl, isDefault, maskedKey, hasKey }) => ({ id, provider, label, defaultModel, baseUrl, isDefault, maskedKey, hasKey }));
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">AI providers</h1>
          <p className="max-w-2xl text-sm text-muted-foreground">
            Your own keys for drafting stages with AI: Anthropic, OpenAI, or any OpenAI-compatible server (Ollama, LM Studio, vLLM, llama.cpp, OpenRouter). Keys are encrypted at rest and never shown
            again after saving. Projects use the default provider unless they pick another.
          </p>
        </div>
        <ProviderForm mode="create" />
      </div>
      <ProviderList rows={rows} />
    </div>
  );
}

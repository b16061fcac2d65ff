import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { error, type ValidationMessage } from "./messages";

/**
 * Section bodies as written (Markdown), keyed by the required section name when the heading matches one. Other headings
 * at the level of the required ones are kept under their own title; deeper ones are already inside their parent's body.
 */
export type MarkdownData = { sections: Record<string, string> };

export type MarkdownValidation = { messages: ValidationMessage[]; data: MarkdownData };

// Where no required heading was found to show the document's section level, assume "## Section" under a "# Title".
const DEFAULT_SECTION_DEPTH = 2;

type Section = { title: string; depth: number; body: string; hasContent: boolean };

export function validateMarkdownStage(stage: number, content: string, required: readonly string[]): MarkdownValidation {
  const sections = readSections(content);
  const messages: ValidationMessage[] = [];
  // A Map, because headings are user text and "__proto__" or "constructor" must stay ordinary keys.
  const bodies = new Map<string, string>();
  const claimed = new Set<Section>();

  for (const name of required) {
    const matches = sections.filter((section) => normalizeTitle(section.title) === normalizeTitle(name));
    matches.forEach((section) => claimed.add(section));
    // A repeated heading counts once any copy of it has content.
    const filled = matches.find((section) => section.hasContent);
    if (filled !== undefined) {
      bodies.set(name, filled.body);
    } else if (matches.length > 0) {
      messages.push(
        error(stage, "empty_section", `Section "${name}" is empty; write its content under the heading.`, name),
      );
    } else {
      messages.push(
        error(stage, "missing_section", `Required section "${name}" is missing; add a "## ${name}" heading with its content.`, name),
      );
    }
  }

  const level = claimed.size > 0 ? Math.min(...[...claimed].map((section) => section.depth)) : DEFAULT_SECTION_DEPTH;
  for (const section of sections) {
    if (claimed.has(section) || section.depth !== level || bodies.has(section.title)) continue;
    bodies.set(section.title, section.body);
  }
  return { messages, data: { sections: Object.fromEntries(bodies) } };
}

/** Each heading with the Markdown up to the next heading of the same or a higher level, so subsections belong to their parent. */
function readSections(content: string): Section[] {
  const blocks = fromMarkdown(content).children;
  // One pass with a stack of open headings (depths strictly increasing), so long documents stay linear.
  const open: { index: number; depth: number }[] = [];
  const ends = new Map<number, number>();
  blocks.forEach((block, index) => {
    if (block.type !== "heading") return;
    while (open.length > 0 && open[open.length - 1]!.depth >= block.depth) ends.set(open.pop()!.index, index);
    open.push({ index, depth: block.depth });
  });

  return blocks.flatMap((block, index) => {
    if (block.type !== "heading") return [];
    const end = ends.get(index) ?? blocks.length;
    const from = block.position?.end.offset ?? 0;
    const to = blocks[end]?.position?.start.offset ?? content.length;
    return [
      {
        title: plainText(block).trim(),
        depth: block.depth,
        body: content.slice(from, to).trim(),
        hasContent: blocks.slice(index + 1, end).some(isContent),
      },
    ];
  });
}

function isContent(node: Nodes): boolean {
  // Templates leave `<!-- guidance -->` placeholders; a section holding only those has not been written yet.
  if (node.type === "html") return node.value.replace(/<!--[\s\S]*?-->/g, "").trim() !== "";
  if (node.type === "image" || node.type === "imageReference") return true;
  if ("value" in node) return node.value.trim() !== "";
  return "children" in node && node.children.some((child: Nodes) => isContent(child));
}

function plainText(node: Nodes): string {
  if ("value" in node) return node.value;
  if ("children" in node) return node.children.map((child: Nodes) => plainText(child)).join("");
  return "";
}

/** "2. Goals & Success Metrics:" and "Goals and success metrics" name the same section. */
function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replaceAll("&", " and ")
    .replace(/^\s*\d+(?:\.\d+)*[.)]?\s+/, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

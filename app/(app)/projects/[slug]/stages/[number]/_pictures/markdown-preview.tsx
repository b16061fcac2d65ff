import remarkGfm from "remark-gfm";
import Markdown, { type Components } from "react-markdown";
import { cn } from "@/app/_components/ui/cn";
import { htmlAsText } from "./sources";

const remarkPlugins = [remarkGfm, htmlAsText];

// Each renderer drops react-markdown's `node` prop so it is not spread onto the DOM element.
const components: Components = {
  h1: ({ node: _node, ...props }) => <h1 className="mt-6 mb-3 text-2xl font-semibold first:mt-0" {...props} />,
  h2: ({ node: _node, ...props }) => <h2 className="mt-6 mb-3 border-b pb-1 text-xl font-semibold first:mt-0" {...props} />,
  h3: ({ node: _node, ...props }) => <h3 className="mt-5 mb-2 text-lg font-semibold first:mt-0" {...props} />,
  h4: ({ node: _node, ...props }) => <h4 className="mt-4 mb-2 font-semibold first:mt-0" {...props} />,
  h5: ({ node: _node, ...props }) => <h5 className="mt-4 mb-2 text-sm font-semibold first:mt-0" {...props} />,
  h6: ({ node: _node, ...props }) => (
    <h6 className="mt-4 mb-2 text-sm font-semibold text-muted-foreground first:mt-0" {...props} />
  ),
  p: ({ node: _node, className, ...props }) => <p className={cn("my-3 leading-7 first:mt-0", className)} {...props} />,
  a: ({ node: _node, ...props }) => (
    <a className="font-medium text-primary underline underline-offset-4" rel="noopener noreferrer" {...props} />
  ),
  ul: ({ node: _node, ...props }) => <ul className="my-3 list-disc space-y-1 pl-6 first:mt-0" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="my-3 list-decimal space-y-1 pl-6 first:mt-0" {...props} />,
  li: ({ node: _node, ...props }) => <li className="leading-7 [&>ol]:my-1 [&>ul]:my-1" {...props} />,
  blockquote: ({ node: _node, ...props }) => (
    <blockquote className="my-3 border-l-2 pl-4 text-muted-foreground italic" {...props} />
  ),
  code: ({ node: _node, ...props }) => <code className="rounded bg-muted px-1 py-0.5 font-mono text-[0.875em]" {...props} />,
  pre: ({ node: _node, ...props }) => (
    <pre
      className="my-3 overflow-x-auto rounded-md bg-muted p-3 font-mono text-sm [&>code]:bg-transparent [&>code]:p-0 [&>code]:text-[1em]"
      {...props}
    />
  ),
  hr: ({ node: _node, ...props }) => <hr className="my-6" {...props} />,
  table: ({ node: _node, ...props }) => (
    <div className="my-3 overflow-x-auto">
      <table className="w-full border-collapse text-sm" {...props} />
    </div>
  ),
  th: ({ node: _node, ...props }) => <th className="border bg-muted px-3 py-1.5 text-left font-semibold" {...props} />,
  td: ({ node: _node, ...props }) => <td className="border px-3 py-1.5 align-top" {...props} />,
  img: ({ node: _node, alt, ...props }) => (
    // Images in a spec are whatever URL the author wrote; show them at their size, never wider than the text.
    // eslint-disable-next-line @next/next/no-img-element
    <img className="my-3 max-w-full rounded-md" alt={alt ?? ""} {...props} />
  ),
};

/**
 * A stage's Markdown as formatted text. Raw HTML is never interpreted: `<script>` in the Markdown appears as the literal
 * text "<script>" (see `htmlAsText`); react-markdown's default URL filter drops `javascript:` links.
 */
export function MarkdownPreview({ content }: { content: string }) {
  return (
    <div className="text-sm text-foreground [overflow-wrap:anywhere]">
      <Markdown remarkPlugins={remarkPlugins} components={components}>
        {content}
      </Markdown>
    </div>
  );
}

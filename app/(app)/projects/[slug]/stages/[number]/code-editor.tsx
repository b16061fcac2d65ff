"use client";

import { json } from "@codemirror/lang-json";
import { markdown } from "@codemirror/lang-markdown";
import { PostgreSQL, sql } from "@codemirror/lang-sql";
import { yaml } from "@codemirror/lang-yaml";
import CodeMirror, { EditorView } from "@uiw/react-codemirror";
import { useMemo } from "react";

const languages = {
  md: () => [markdown(), EditorView.lineWrapping],
  json: () => [json()],
  sql: () => [sql({ dialect: PostgreSQL })],
  yaml: () => [yaml()],
} as const;

export type EditorFormat = keyof typeof languages;

export function CodeEditor({ value, format, readOnly, onChange, label }: { value: string; format: EditorFormat; readOnly: boolean; onChange: (value: string) => void; label: string }) {
  const extensions = useMemo(() => [...languages[format](), EditorView.contentAttributes.of({ "aria-label": label })], [format, label]);
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      readOnly={readOnly}
      editable={!readOnly}
      basicSetup={{ foldGutter: true, highlightActiveLine: !readOnly }}
      minHeight="420px"
      maxHeight="70vh"
      className="overflow-hidden rounded-lg border text-sm"
    />
  );
}

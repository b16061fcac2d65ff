"use client";

import { json } from "@codemirror/lang-json";
import { markdown } from "@codemirror/lang-markdown";
import { PostgreSQL, sql } from "@codemirror/lang-sql";
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import CodeMirror, { EditorView, type ReactCodeMirrorRef } from "@uiw/react-codemirror";
import { useEffect, useMemo, useRef } from "react";

const languages = {
  md: () => [markdown(), EditorView.lineWrapping],
  json: () => [json()],
  sql: () => [sql({ dialect: PostgreSQL })],
  yaml: () => [yaml()],
} as const;

export type EditorFormat = keyof typeof languages;

/** A validation message that names a position ("12:5"), shown at that spot in the editor. */
export type EditorMarker = { line: number; col: number; level: "error" | "warning"; message: string };

function toDiagnostics(view: EditorView, markers: EditorMarker[]): Diagnostic[] {
  const { doc } = view.state;
  return markers
    .filter((marker) => marker.line >= 1 && marker.line <= doc.lines)
    .map((marker) => {
      const line = doc.line(marker.line);
      const from = Math.min(line.from + Math.max(0, marker.col - 1), line.to);
      return { from, to: Math.min(from + 1, line.to), severity: marker.level, message: marker.message };
    });
}

export function CodeEditor({
  value,
  format,
  readOnly,
  onChange,
  label,
  markers,
}: {
  value: string;
  format: EditorFormat;
  readOnly: boolean;
  onChange: (value: string) => void;
  label: string;
  markers: EditorMarker[];
}) {
  const editor = useRef<ReactCodeMirrorRef>(null);
  const extensions = useMemo(() => [...languages[format](), lintGutter(), EditorView.contentAttributes.of({ "aria-label": label })], [format, label]);

  useEffect(() => {
    const view = editor.current?.view;
    if (view) view.dispatch(setDiagnostics(view.state, toDiagnostics(view, markers)));
  }, [markers]);

  return (
    <CodeMirror
      ref={editor}
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

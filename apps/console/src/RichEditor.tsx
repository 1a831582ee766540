/**
 * A small rich-text editor for replies, templates and signatures: a contenteditable text box with
 * the browser's own editing commands, no library (nothing added to the bundle but this file).
 * Bold, italic, lists and links from a toolbar (the WAI-ARIA toolbar pattern: one tab stop, arrow
 * keys) or shortcuts; pasted content comes in as plain text. What it produces is only a draft: the
 * server sanitises it and derives the plain text.
 */
import { buildRichText, type RichBuilder } from "@yhteys/web";
import { type KeyboardEvent, type Ref, useEffect, useId, useImperativeHandle, useRef, useState } from "react";
import { useI18n } from "./i18n.ts";
import "./editor.css";

export type RichEditorHandle = {
  /** Adds (sanitised) rich text at the end, or in place of an empty text. */
  insert: (html: string) => void;
  clear: () => void;
};

type Props = {
  id: string;
  labelId: string;
  describedBy?: string | undefined;
  invalid?: boolean;
  initialHtml?: string;
  onChange: (html: string, text: string) => void;
  onTyping?: () => void;
  handle?: Ref<RichEditorHandle>;
};

type Command = "bold" | "italic" | "insertUnorderedList" | "insertOrderedList";
const TOGGLES: {
  command: Command;
  key: "editor.bold" | "editor.italic" | "editor.bullets" | "editor.numbers";
  mark: string;
  keys: string;
}[] = [
  { command: "bold", key: "editor.bold", mark: "B", keys: "Control+B" },
  { command: "italic", key: "editor.italic", mark: "I", keys: "Control+I" },
  { command: "insertUnorderedList", key: "editor.bullets", mark: "•", keys: "Control+Shift+8" },
  { command: "insertOrderedList", key: "editor.numbers", mark: "1.", keys: "Control+Shift+7" },
];

const domBuilder: RichBuilder<Node> = {
  text: (text) => document.createTextNode(text),
  element: (tag, href, children) => {
    const element = document.createElement(tag);
    if (href) element.setAttribute("href", href);
    element.append(...children);
    return element;
  },
  unwrap: (children) => {
    const fragment = document.createDocumentFragment();
    fragment.append(...children);
    return fragment;
  },
};

/** A link address as typed: a web or email address made whole, or null when it is neither. */
function linkAddress(typed: string): string | null {
  const value = typed.trim();
  if (/^(https?:\/\/|mailto:)[^\s<>"]+$/i.test(value)) return value;
  if (/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value)) return `mailto:${value}`;
  if (/^[\w-]+(\.[\w-]+)+(\/[^\s<>"]*)?$/.test(value)) return `https://${value}`;
  return null;
}

const exec = (command: string, value?: string) => document.execCommand(command, false, value);
/** An empty text is one empty paragraph, so that what is typed lands in paragraphs. */
const emptyParagraph = () => {
  const p = document.createElement("p");
  p.append(document.createElement("br"));
  return p;
};

export function RichEditor({ id, labelId, describedBy, invalid, initialHtml, onChange, onTyping, handle }: Props) {
  const { t } = useI18n();
  const ids = { shortcuts: useId(), link: useId(), linkHint: useId(), linkError: useId() };
  const area = useRef<HTMLDivElement>(null);
  const saved = useRef<Range | null>(null);
  const [active, setActive] = useState<Record<Command, boolean>>({
    bold: false,
    italic: false,
    insertUnorderedList: false,
    insertOrderedList: false,
  });
  const [focusIndex, setFocusIndex] = useState(0);
  const [link, setLink] = useState<{ address: string; invalid: boolean } | null>(null);

  const emit = () => {
    const el = area.current;
    if (el) onChange(el.innerHTML, el.textContent ?? "");
  };
  const caretToEnd = () => {
    const el = area.current;
    const selection = window.getSelection();
    if (!el || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
  };

  useImperativeHandle(handle, () => ({
    insert: (html) => {
      const el = area.current;
      if (!el) return;
      const nodes = buildRichText(html, domBuilder);
      if (el.textContent?.trim()) el.append(...nodes);
      else el.replaceChildren(...nodes);
      el.focus();
      caretToEnd();
      emit();
    },
    clear: () => {
      area.current?.replaceChildren(emptyParagraph());
      emit();
    },
  }));

  // biome-ignore lint/correctness/useExhaustiveDependencies: the initial text is set once, on mount, and reported like typing
  useEffect(() => {
    const nodes = initialHtml ? buildRichText(initialHtml, domBuilder) : [];
    area.current?.replaceChildren(...(nodes.length ? nodes : [emptyParagraph()]));
    emit();
  }, []);

  // The toolbar shows which formatting applies where the caret is.
  useEffect(() => {
    const update = () => {
      const selection = window.getSelection();
      if (!selection?.anchorNode || !area.current?.contains(selection.anchorNode)) return;
      setActive({
        bold: document.queryCommandState("bold"),
        italic: document.queryCommandState("italic"),
        insertUnorderedList: document.queryCommandState("insertUnorderedList"),
        insertOrderedList: document.queryCommandState("insertOrderedList"),
      });
    };
    document.addEventListener("selectionchange", update);
    return () => document.removeEventListener("selectionchange", update);
  }, []);

  const apply = (command: Command) => {
    area.current?.focus();
    exec(command);
    emit();
  };

  const openLink = () => {
    const selection = window.getSelection();
    saved.current = selection?.rangeCount && area.current?.contains(selection.anchorNode) ? selection.getRangeAt(0).cloneRange() : null;
    setLink({ address: "", invalid: false });
    requestAnimationFrame(() => document.getElementById(ids.link)?.focus());
  };
  const closeLink = () => {
    setLink(null);
    area.current?.focus();
    const selection = window.getSelection();
    if (saved.current && selection) {
      selection.removeAllRanges();
      selection.addRange(saved.current);
    }
  };
  const addLink = () => {
    const href = link && linkAddress(link.address);
    if (!href) return setLink((l) => l && { ...l, invalid: true });
    closeLink();
    const range = saved.current;
    if (range && !range.collapsed) exec("createLink", href);
    else {
      const anchor = document.createElement("a");
      anchor.setAttribute("href", href);
      anchor.textContent = href.replace(/^mailto:/i, "");
      if (range) range.insertNode(anchor);
      else area.current?.append(anchor);
      const selection = window.getSelection();
      const after = document.createRange();
      after.setStartAfter(anchor);
      selection?.removeAllRanges();
      selection?.addRange(after);
    }
    emit();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    const command: Command | "link" | null = e.shiftKey
      ? e.code === "Digit8"
        ? "insertUnorderedList"
        : e.code === "Digit7"
          ? "insertOrderedList"
          : null
      : key === "b"
        ? "bold"
        : key === "i"
          ? "italic"
          : key === "k"
            ? "link"
            : null;
    if (!command) return;
    e.preventDefault();
    if (command === "link") openLink();
    else apply(command);
  };

  const buttons = [...TOGGLES.map((x) => x.command), "link", "unlink"] as const;
  const onToolbarKey = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: focusIndex + 1, ArrowLeft: focusIndex - 1, Home: 0, End: buttons.length - 1 };
    const next = moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const index = (next + buttons.length) % buttons.length;
    setFocusIndex(index);
    (e.currentTarget.querySelectorAll("button")[index] as HTMLButtonElement | undefined)?.focus();
  };
  // Keeps the text's selection when a toolbar button is pressed with the mouse.
  const keepSelection = (e: { preventDefault: () => void }) => e.preventDefault();

  return (
    <div className={`rich-editor${invalid ? " invalid" : ""}`}>
      <div role="toolbar" aria-label={t("editor.toolbar")} aria-controls={id} className="rich-toolbar" onKeyDown={onToolbarKey}>
        {TOGGLES.map((x, i) => (
          <button
            key={x.command}
            type="button"
            tabIndex={focusIndex === i ? 0 : -1}
            aria-pressed={active[x.command]}
            aria-keyshortcuts={x.keys}
            title={`${t(x.key)} (${x.keys.replace("Control", "Ctrl")})`}
            onMouseDown={keepSelection}
            onClick={() => apply(x.command)}
          >
            <span aria-hidden="true" className={`mark mark-${x.command}`}>
              {x.mark}
            </span>
            <span className="visually-hidden">{t(x.key)}</span>
          </button>
        ))}
        <button
          type="button"
          tabIndex={focusIndex === 4 ? 0 : -1}
          aria-keyshortcuts="Control+K"
          aria-expanded={link !== null}
          title={`${t("editor.link")} (Ctrl+K)`}
          onMouseDown={keepSelection}
          onClick={openLink}
        >
          {t("editor.link")}
        </button>
        <button
          type="button"
          tabIndex={focusIndex === 5 ? 0 : -1}
          onMouseDown={keepSelection}
          onClick={() => {
            area.current?.focus();
            exec("unlink");
            emit();
          }}
        >
          {t("editor.unlink")}
        </button>
      </div>
      {link && (
        <div className="rich-link">
          <label htmlFor={ids.link}>{t("editor.linkAddress")}</label>
          <p className="hint" id={ids.linkHint}>
            {t("editor.linkHint")}
          </p>
          <input
            id={ids.link}
            type="text"
            inputMode="url"
            value={link.address}
            aria-invalid={link.invalid || undefined}
            aria-describedby={link.invalid ? `${ids.linkHint} ${ids.linkError}` : ids.linkHint}
            onChange={(e) => setLink({ address: e.target.value, invalid: false })}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                addLink();
              } else if (e.key === "Escape") {
                e.preventDefault();
                closeLink();
              }
            }}
          />
          {link.invalid && (
            <p className="form-error" id={ids.linkError} role="alert">
              {t("editor.linkInvalid")}
            </p>
          )}
          <div className="button-row">
            <button type="button" className="button secondary" onClick={addLink}>
              {t("editor.linkAdd")}
            </button>
            <button type="button" className="button secondary" onClick={closeLink}>
              {t("editor.linkCancel")}
            </button>
          </div>
        </div>
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: a rich text box has no native element; this is the ARIA textbox pattern */}
      <div
        ref={area}
        id={id}
        role="textbox"
        tabIndex={0}
        contentEditable
        suppressContentEditableWarning
        aria-multiline="true"
        aria-labelledby={labelId}
        aria-describedby={[describedBy, ids.shortcuts].filter(Boolean).join(" ")}
        aria-invalid={invalid || undefined}
        className="rich-area"
        onFocus={() => exec("defaultParagraphSeparator", "p")}
        onInput={() => {
          emit();
          onTyping?.();
        }}
        onKeyDown={onKeyDown}
        onPaste={(e) => {
          e.preventDefault();
          exec("insertText", e.clipboardData.getData("text/plain"));
        }}
      />
      <p className="hint" id={ids.shortcuts}>
        {t("editor.shortcuts")}
      </p>
    </div>
  );
}

/** An internal customer's requests: the list, a new request, and one request with its answers. */
import type { Category, ExtraFieldValues, InternalRequestDetail, InternalRequestSummary } from "@yhteys/contracts";
import { RichHtml } from "@yhteys/web";
import { type FormEvent, useEffect, useId, useState } from "react";
import { FormFooter, useAction } from "./ActionForm.tsx";
import { CategoryFields } from "./ExtraFieldInputs.tsx";
import { errorText, name, stateName } from "./format.ts";
import { useI18n } from "./i18n.ts";
import { internalCategories, internalRequest, internalRequests, replyToInternalRequest, submitInternalRequest } from "./intake.api.ts";
import { myRequestsPath, navigate, onLinkClick } from "./router.ts";

type Announce = (text: string) => void;

export function InternalRequestList() {
  const { t, language, formatDate } = useI18n();
  const [items, setItems] = useState<InternalRequestSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    internalRequests()
      .then((list) => setItems(list.items))
      .catch((e) => setError(errorText(t, e)));
  }, [t]);
  return (
    <section aria-labelledby="internal-title">
      <h1 id="internal-title">{t("internal.title")}</h1>
      <p className="muted">{t("internal.intro")}</p>
      <p>
        <a className="button primary" href={myRequestsPath("new")} onClick={onLinkClick}>
          {t("internal.new")}
        </a>
      </p>
      {error && <p role="alert">{error}</p>}
      {items === null ? (
        !error && <p className="muted">{t("app.loading")}</p>
      ) : items.length === 0 ? (
        <p>{t("internal.none")}</p>
      ) : (
        <ul className="internal-requests">
          {items.map((r) => (
            <li key={r.id}>
              <a href={myRequestsPath(r.id)} onClick={onLinkClick}>
                {r.reference} – {name(r.category.name, language)}
              </a>{" "}
              <span className="tag">{stateName(t, r.state)}</span> <span className="muted">{formatDate(r.createdAt)}</span>
              <p className="muted">{r.description.length > 140 ? `${r.description.slice(0, 140)}…` : r.description}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function InternalRequestForm({ announce }: { announce: Announce }) {
  const { t, language } = useI18n();
  const ids = useId();
  const { busy, error, setError, run } = useAction();
  const [categories, setCategories] = useState<Category[]>([]);
  const [categoryId, setCategoryId] = useState("");
  const [extraFields, setExtraFields] = useState<ExtraFieldValues>({});
  const [description, setDescription] = useState("");
  const [address, setAddress] = useState("");
  useEffect(() => {
    internalCategories()
      .then((list) => setCategories(list.items))
      .catch((e) => setError({ text: errorText(t, e), fields: [] }));
  }, [t, setError]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = [!categoryId && t("record.needCategory"), description.trim().length < 3 && t("record.needDescription")].filter(
      (p): p is string => Boolean(p),
    );
    if (problems.length) return setError({ text: problems.join(" "), fields: [] });
    void run(async () => {
      const made = await submitInternalRequest({
        categoryId,
        description,
        language,
        extraFields,
        ...(address.trim() ? { address } : {}),
      });
      announce(t("internal.sent", { reference: made.reference }));
      navigate(myRequestsPath(made.id));
    });
  };

  return (
    <section aria-labelledby={`${ids}-title`}>
      <p>
        <a href={myRequestsPath()} onClick={onLinkClick}>
          {t("internal.back")}
        </a>
      </p>
      <h1 id={`${ids}-title`}>{t("internal.new")}</h1>
      <form onSubmit={submit} noValidate>
        <CategoryFields
          idPrefix={ids}
          categories={categories}
          categoryId={categoryId}
          onCategoryId={setCategoryId}
          extraFields={extraFields}
          onExtraFields={setExtraFields}
        />
        <p className="field">
          <label htmlFor={`${ids}-description`}>{t("record.description")}</label>
          <textarea id={`${ids}-description`} rows={5} required value={description} onChange={(e) => setDescription(e.target.value)} />
        </p>
        <p className="field">
          <label htmlFor={`${ids}-address`}>{t("record.address")}</label>
          <input id={`${ids}-address`} value={address} onChange={(e) => setAddress(e.target.value)} />
        </p>
        <FormFooter error={error} errorId={`${ids}-error`} busy={busy} label={t("internal.submit")} primary />
      </form>
    </section>
  );
}

export function InternalRequestPage({ id, announce }: { id: string; announce: Announce }) {
  const { t, language, formatDateTime } = useI18n();
  const ids = useId();
  const [request, setRequest] = useState<InternalRequestDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [body, setBody] = useState("");
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    internalRequest(id)
      .then(setRequest)
      .catch((e) => setLoadError(errorText(t, e)));
  }, [id, t]);

  const reply = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setError({ text: t("internal.reply"), fields: [] });
    void run(async () => {
      setRequest(await replyToInternalRequest(id, body));
      setBody("");
      announce(t("internal.replied"));
    });
  };

  if (loadError) return <p role="alert">{loadError}</p>;
  if (!request) return <p className="muted">{t("app.loading")}</p>;
  return (
    <article aria-labelledby={`${ids}-title`}>
      <p>
        <a href={myRequestsPath()} onClick={onLinkClick}>
          {t("internal.back")}
        </a>
      </p>
      <h1 id={`${ids}-title`}>
        {request.reference} – {name(request.category.name, language)}
      </h1>
      <p>
        <span className="tag">{stateName(t, request.state)}</span>{" "}
        <span className="muted">{t("internal.created", { date: formatDateTime(request.createdAt) })}</span>
      </p>
      <p className="description">{request.description}</p>
      {request.address && <p>{request.address}</p>}
      <h2>{t("internal.timeline")}</h2>
      <ol>
        {request.timeline.map((step) => (
          <li key={`${step.state}-${step.at}`}>
            {stateName(t, step.state)} <span className="muted">{formatDateTime(step.at)}</span>
          </li>
        ))}
      </ol>
      <h2>{t("internal.conversation")}</h2>
      {request.messages.length === 0 ? (
        <p className="muted">{t("internal.noMessages")}</p>
      ) : (
        <ol className="messages">
          {request.messages.map((m) => (
            <li key={`${m.createdAt}-${m.from}`} className={`message message-${m.from === "me" ? "resident" : "reply"}`}>
              <p className="message-meta">
                <strong>{m.from === "me" ? t("internal.fromMe") : t("internal.fromCity")}</strong>{" "}
                <span className="muted">{formatDateTime(m.createdAt)}</span>
              </p>
              {m.html ? <RichHtml className="rich-text" html={m.html} /> : <p className="message-body">{m.body}</p>}
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={reply} noValidate>
        <p className="field">
          <label htmlFor={`${ids}-reply`}>{t("internal.reply")}</label>
          <textarea id={`${ids}-reply`} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
        </p>
        <FormFooter error={error} errorId={`${ids}-error`} busy={busy} label={t("internal.sendReply")} />
      </form>
    </article>
  );
}

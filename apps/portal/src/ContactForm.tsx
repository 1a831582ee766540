/**
 * The contact form. The draft is saved on the device while the resident types and restored on
 * return; sending uses an Idempotency-Key kept with the draft, so a retry never creates a duplicate.
 */
import type { Category, CategoryList, ContactReceipt, FollowReceipt, PublicOrganisation } from "@yhteys/contracts";
import { ApiError, api } from "@yhteys/web";
import { useEffect, useRef, useState } from "react";
import { CategoryPicker, ChosenCategory } from "./CategoryPicker.tsx";
import { DescriptionField } from "./DescriptionField.tsx";
import {
  clearDraft,
  type ExtraAnswer,
  emptyValues,
  type FormValues,
  hasContent,
  loadDraft,
  newIdempotencyKey,
  saveDraft,
} from "./draft.ts";
import { ErrorSummary } from "./ErrorSummary.tsx";
import { ExtraFields } from "./ExtraFields.tsx";
import { FilePicker } from "./FilePicker.tsx";
import { FormNotices, useMatchingNotices } from "./FormNotices.tsx";
import { useI18n } from "./i18n.ts";
import { LocationFields } from "./LocationFields.tsx";
import { PrivacyNotice } from "./PrivacyNotice.tsx";
import { ReplyFields } from "./ReplyFields.tsx";
import { SendFooter, type SendProblem, sendProblemOf } from "./SendFooter.tsx";
import { StatusMessage } from "./StatusMessage.tsx";
import { TypeChoice } from "./TypeChoice.tsx";
import { useDocumentTitle } from "./useDocumentTitle.ts";
import { type FormError, fromServerErrors, toSubmission, validate } from "./validation.ts";

export function ContactForm({
  org,
  orgName,
  presetCategoryId = null,
  onSent,
  onFollowed,
}: {
  org: PublicOrganisation;
  orgName: string;
  presetCategoryId?: string | null;
  onSent: (receipt: ContactReceipt, wantsReply: boolean, files: File[]) => void;
  /** The resident followed an earlier contact instead of sending this one. */
  onFollowed: (receipt: FollowReceipt, withEmail: boolean) => void;
}) {
  const { t, language } = useI18n();
  const [initial] = useState(() => loadDraft(org.slug));
  const [values, setValues] = useState<FormValues>(() => {
    const start = initial?.values ?? emptyValues;
    return presetCategoryId && !start.categoryId ? { ...start, categoryId: presetCategoryId } : start;
  });
  const idempotencyKey = useRef(initial?.idempotencyKey ?? newIdempotencyKey());
  const [restored, setRestored] = useState(Boolean(initial && hasContent(initial.values)));
  const [cleared, setCleared] = useState(false);
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [categoriesFailed, setCategoriesFailed] = useState(false);
  const [loadAttempt, setLoadAttempt] = useState(0);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<SendProblem | null>(null);
  // Files stay in memory only (a draft on the device cannot hold them); they are sent after the contact.
  const [files, setFiles] = useState<File[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const focusSummary = useRef(false);
  const sent = useRef(false);

  useDocumentTitle(errors.length ? `${t("errors.titlePrefix")}: ${t("form.title")}` : t("form.title"), orgName);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loadAttempt is the resident asking to load again
  useEffect(() => {
    let cancelled = false;
    setCategoriesFailed(false);
    api<CategoryList>(`/api/public/${encodeURIComponent(org.slug)}/categories`)
      .then((list) => !cancelled && setCategories(list.items))
      .catch(() => !cancelled && setCategoriesFailed(true));
    return () => {
      cancelled = true;
    };
  }, [org.slug, loadAttempt]);

  // Keep the draft on the device while the resident types.
  useEffect(() => {
    if (sent.current) return;
    // The embedding page's preset category alone is not the resident's draft.
    const own = presetCategoryId && values.categoryId === presetCategoryId ? { ...values, categoryId: "" } : values;
    if (hasContent(own)) saveDraft(org.slug, { values, idempotencyKey: idempotencyKey.current, savedAt: new Date().toISOString() });
    else clearDraft(org.slug);
  }, [values, org.slug, presetCategoryId]);

  useEffect(() => {
    if (focusSummary.current && errors.length) {
      focusSummary.current = false;
      summaryRef.current?.focus();
    }
  }, [errors]);

  const category = categories?.find((c) => c.id === values.categoryId && c.selectable);
  const notices = useMatchingNotices(org.slug, category?.id ?? "", values.location);
  const errorFor = Object.fromEntries(errors.map((e) => [e.key, e.message]));

  // The newest values, also for changes that arrive later (an address found for a chosen point).
  const latest = useRef(values);
  latest.current = values;
  const update = (patch: Partial<FormValues>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    setValues(next);
    setCleared(false);
    // A fixed field loses its error at once; new errors appear only when sending again.
    if (errors.length) {
      const nextCategory = categories?.find((c) => c.id === next.categoryId && c.selectable);
      const still = new Set(validate(next, nextCategory, language, t).map((e) => e.key));
      setErrors(errors.filter((e) => still.has(e.key)));
    }
  };

  const setExtra = (code: string, value: ExtraAnswer) => {
    if (!category) return;
    update({ extra: { ...values.extra, [category.id]: { ...values.extra[category.id], [code]: value } } });
  };

  const startOver = () => {
    clearDraft(org.slug);
    idempotencyKey.current = newIdempotencyKey();
    setValues(emptyValues);
    setErrors([]);
    setProblem(null);
    setRestored(false);
    setCleared(true);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const found = validate(values, category, language, t);
    setProblem(null);
    if (found.length || !category) {
      focusSummary.current = true;
      setErrors(found);
      return;
    }
    setErrors([]);
    setSending(true);
    try {
      const receipt = await api<ContactReceipt>(`/api/public/${encodeURIComponent(org.slug)}/contacts`, {
        method: "POST",
        body: toSubmission(values, category, language, org.types),
        headers: { "Idempotency-Key": idempotencyKey.current },
      });
      sent.current = true;
      clearDraft(org.slug);
      onSent(receipt, values.wantsReply, files);
    } catch (e) {
      setSending(false);
      if (e instanceof ApiError) {
        const mapped = e.status === 400 ? fromServerErrors(e.problem?.errors ?? [], values, category, language, t) : [];
        if (mapped.length) {
          focusSummary.current = true;
          setErrors(mapped);
          return;
        }
        // The key was used for different content (an earlier attempt got through): a new one lets the resident send.
        if (e.status === 422) idempotencyKey.current = newIdempotencyKey();
      }
      setProblem(sendProblemOf(e));
      requestAnimationFrame(() => problemRef.current?.focus());
    }
  };

  if (categoriesFailed) return <StatusMessage kind="failed" onRetry={() => setLoadAttempt((n) => n + 1)} />;

  return (
    <div className="narrow">
      <ErrorSummary errors={errors} ref={summaryRef} />
      <h1 tabIndex={-1}>{t("form.title")}</h1>
      <p className="lead">{t("form.intro")}</p>
      <p className="notice">{t("form.emergency")}</p>
      {restored && (
        <div className="info-box" role="status">
          <p>{t("form.draftRestored")}</p>
          <button type="button" className="button button-link" onClick={startOver}>
            {t("form.startOver")}
          </button>
        </div>
      )}
      <p className="visually-hidden" role="status">
        {cleared ? t("form.cleared") : ""}
      </p>
      <p className="hint">{t("form.requiredNote")}</p>
      <form noValidate onSubmit={submit} aria-busy={sending}>
        {categories ? (
          <CategoryPicker
            categories={categories}
            value={values.categoryId}
            error={errorFor.category}
            onChange={(categoryId) => update({ categoryId })}
          />
        ) : (
          <p role="status">{t("category.loading")}</p>
        )}
        {categories && category && <ChosenCategory categories={categories} category={category} />}
        <FormNotices notices={notices} />

        <TypeChoice
          types={org.types}
          value={values.type || category?.defaultType}
          presetFromCategory={Boolean(category && !values.type)}
          onChange={(type) => update({ type })}
          error={errorFor.type}
        />

        {category && (
          <ExtraFields definitions={category.extraFields} values={values.extra[category.id] ?? {}} onChange={setExtra} errors={errorFor} />
        )}

        <DescriptionField value={values.description} onChange={(description) => update({ description })} error={errorFor.description} />

        <LocationFields
          org={org}
          categoryId={category?.id ?? ""}
          address={values.address}
          location={values.location}
          onAddress={(address) => update({ address })}
          onLocation={(location, address) => update(address === undefined ? { location } : { location, address })}
          onFollowed={(receipt, withEmail) => {
            sent.current = true;
            clearDraft(org.slug);
            onFollowed(receipt, withEmail);
          }}
          errors={errorFor}
        />

        {org.attachments.maxFiles > 0 && (
          <FilePicker limits={org.attachments} room={org.attachments.maxFiles} files={files} onChange={setFiles} />
        )}

        <ReplyFields values={values} onChange={update} errors={errorFor} />

        <PrivacyNotice consent={values.publishConsent} onConsent={(publishConsent) => update({ publishConsent })} />

        <div className="honeypot" aria-hidden="true">
          <label htmlFor="website">{t("honeypot.label")}</label>
          <input
            id="website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={values.website}
            onChange={(event) => update({ website: event.target.value })}
          />
        </div>

        <SendFooter
          problem={problem}
          problemRef={problemRef}
          sending={sending}
          send={t("form.submit")}
          sendingText={t("form.submitting")}
          draftNote={t("form.draftNote")}
        />
      </form>
    </div>
  );
}

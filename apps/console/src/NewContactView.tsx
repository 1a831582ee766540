/**
 * Recording a phone call or visit: keyboard-first (the topic has focus, Ctrl+Enter saves), with
 * defaults for the common case (phone, the resident's language as the console's, routed by the rules).
 */
import type { ExtraFieldValues, Language, RecordedContact } from "@yhteys/contracts";
import { languages, recordedRoutes, staffRecordedChannels, typeSelection } from "@yhteys/contracts/constants";
import { type FormEvent, useId, useState } from "react";
import { FormFooter, GroupOptions, useAction } from "./ActionForm.tsx";
import { useConsole } from "./Console.tsx";
import { CategoryFields } from "./ExtraFieldInputs.tsx";
import { channelName, languageName, typeChoices } from "./format.ts";
import { useI18n } from "./i18n.ts";
import { recordContact } from "./intake.api.ts";
import { navigate, ticketPath } from "./router.ts";

type Route = (typeof recordedRoutes)[number];

export function NewContactView() {
  const { t, language: uiLanguage } = useI18n();
  const { directory, session, announce, refreshQueues } = useConsole();
  const ids = useId();
  const { busy, error, setError, run } = useAction();
  const [channel, setChannel] = useState<RecordedContact["channel"]>("phone");
  const [categoryId, setCategoryId] = useState("");
  /** The chosen type's key; empty keeps the topic's default type. */
  const [typeKey, setTypeKey] = useState("");
  const [extraFields, setExtraFields] = useState<ExtraFieldValues>({});
  const [description, setDescription] = useState("");
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [address, setAddress] = useState("");
  const [contact, setContact] = useState({ name: "", phone: "", email: "" });
  const [wantsReply, setWantsReply] = useState(false);
  const [route, setRoute] = useState<Route>("rules");
  const myGroups = directory?.groups.filter((g) => session.user.groupIds.includes(g.id)) ?? [];
  const [groupId, setGroupId] = useState("");
  const routes = recordedRoutes.filter((r) => r === "rules" || myGroups.length > 0);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const problems = [
      !categoryId && t("record.needCategory"),
      description.trim().length < 3 && t("record.needDescription"),
      wantsReply && !contact.phone.trim() && !contact.email.trim() && t("record.needContact"),
    ].filter((p): p is string => Boolean(p));
    if (problems.length) return setError({ text: problems.join(" "), fields: [] });
    const given = Object.fromEntries(Object.entries(contact).filter(([, v]) => v.trim())) as RecordedContact["contact"];
    void run(async () => {
      const receipt = await recordContact({
        channel,
        categoryId,
        ...typeSelection(directory?.types ?? [], typeKey),
        description,
        language,
        extraFields,
        wantsReply,
        route,
        ...(address.trim() ? { address } : {}),
        ...(given && Object.keys(given).length ? { contact: given } : {}),
        ...(route !== "rules" && groupId ? { groupId } : {}),
      });
      announce(t("record.saved", { reference: receipt.reference }));
      refreshQueues();
      navigate(ticketPath(receipt.id));
    });
  };

  return (
    <section aria-labelledby={`${ids}-title`} className="record-contact">
      <h1 id={`${ids}-title`}>{t("record.title")}</h1>
      <p className="muted">{t("record.intro")}</p>
      <form
        noValidate
        onSubmit={submit}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit();
        }}
        aria-describedby={`${ids}-shortcut`}
      >
        <fieldset className="choices">
          <legend>{t("record.channel")}</legend>
          <div className="field-row">
            {staffRecordedChannels.map((c) => (
              <div className="radio" key={c}>
                <input
                  id={`${ids}-channel-${c}`}
                  type="radio"
                  name={`${ids}-channel`}
                  checked={channel === c}
                  onChange={() => setChannel(c)}
                />
                <label htmlFor={`${ids}-channel-${c}`}>{channelName(t, c)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <CategoryFields
          idPrefix={ids}
          categories={directory?.categories ?? []}
          categoryId={categoryId}
          onCategoryId={setCategoryId}
          extraFields={extraFields}
          onExtraFields={setExtraFields}
          // The advisor starts typing the topic as the caller speaks.
          autoFocus
        />
        <p className="field">
          <label htmlFor={`${ids}-description`}>{t("record.description")}</label>
          <textarea id={`${ids}-description`} rows={5} required value={description} onChange={(e) => setDescription(e.target.value)} />
        </p>
        <div className="field-row">
          <p className="field">
            <label htmlFor={`${ids}-type`}>{t("record.type")}</label>
            <select id={`${ids}-type`} value={typeKey} onChange={(e) => setTypeKey(e.target.value)}>
              <option value="">{t("record.typeDefault")}</option>
              {typeChoices(t, uiLanguage, directory?.types, "").map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </select>
          </p>
          <p className="field">
            <label htmlFor={`${ids}-language`}>{t("record.language")}</label>
            <select id={`${ids}-language`} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {languageName(t, l)}
                </option>
              ))}
            </select>
          </p>
          <p className="field">
            <label htmlFor={`${ids}-address`}>{t("record.address")}</label>
            <input id={`${ids}-address`} value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="off" />
          </p>
        </div>
        <fieldset className="choices">
          <legend>{t("record.resident")}</legend>
          <div className="field-row">
            {(["name", "phone", "email"] as const).map((key) => (
              <p className="field" key={key}>
                <label htmlFor={`${ids}-${key}`}>{t(`record.${key}`)}</label>
                <input
                  id={`${ids}-${key}`}
                  type={key === "email" ? "email" : key === "phone" ? "tel" : "text"}
                  value={contact[key]}
                  onChange={(e) => setContact({ ...contact, [key]: e.target.value })}
                  autoComplete="off"
                />
              </p>
            ))}
          </div>
          <div className="radio">
            <input id={`${ids}-reply`} type="checkbox" checked={wantsReply} onChange={(e) => setWantsReply(e.target.checked)} />
            <label htmlFor={`${ids}-reply`}>{t("record.wantsReply")}</label>
          </div>
        </fieldset>
        <fieldset className="choices">
          <legend>{t("record.route")}</legend>
          {routes.map((r) => (
            <div className="radio" key={r}>
              <input id={`${ids}-route-${r}`} type="radio" name={`${ids}-route`} checked={route === r} onChange={() => setRoute(r)} />
              <label htmlFor={`${ids}-route-${r}`}>{t(`record.route.${r}`)}</label>
            </div>
          ))}
          {route !== "rules" && myGroups.length > 1 && (
            <p className="field">
              <label htmlFor={`${ids}-group`}>{t("record.group")}</label>
              <select id={`${ids}-group`} value={groupId || myGroups[0]?.id} onChange={(e) => setGroupId(e.target.value)}>
                <GroupOptions groups={myGroups} />
              </select>
            </p>
          )}
        </fieldset>
        <p id={`${ids}-shortcut`} className="hint">
          {t("record.shortcut")}
        </p>
        <FormFooter error={error} errorId={`${ids}-error`} busy={busy} label={t("record.submit")} primary />
      </form>
    </section>
  );
}

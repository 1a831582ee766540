/**
 * The address field as a combobox (WAI-ARIA 1.2 list autocomplete): the resident types freely,
 * and addresses from the city's list are suggested; choosing one also sets the point. This is the
 * primary keyboard path to a location; the map is optional.
 */
import type { Address, AddressList } from "@yhteys/contracts";
import { api } from "@yhteys/web";
import { useEffect, useId, useRef, useState } from "react";
import { describedBy, ErrorMessage, errorId, Hint, hintId } from "./Field.tsx";
import { useI18n } from "./i18n.ts";

type Props = {
  org: string;
  value: string;
  error: string | undefined;
  onChange: (text: string) => void;
  onPick: (address: Address) => void;
};

/** Characters typed before suggestions are asked for, and the pause after the last key. */
const MIN_CHARS = 2;
const DEBOUNCE_MS = 200;

export function AddressSearch({ org, value, error, onChange, onPick }: Props) {
  const { t } = useI18n();
  const listId = useId();
  const [items, setItems] = useState<Address[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announce, setAnnounce] = useState("");
  // Only what the resident typed asks for suggestions; a value set by choosing or by the map does not.
  const typed = useRef<string | null>(null);

  useEffect(() => {
    if (typed.current !== value) return;
    const q = value.trim();
    if (q.length < MIN_CHARS) {
      setItems([]);
      setOpen(false);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<AddressList>(`/api/public/${encodeURIComponent(org)}/addresses?q=${encodeURIComponent(q)}`, { signal: controller.signal })
        .then((list) => {
          setItems(list.items);
          setOpen(list.items.length > 0);
          setActive(-1);
          setAnnounce(
            list.items.length === 0
              ? t("address.foundNone")
              : list.items.length === 1
                ? t("address.foundOne")
                : t("address.foundMany", { count: String(list.items.length) }),
          );
        })
        // Suggestions are a help only: without them the field takes any text.
        .catch(() => setItems([]));
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value, org, t]);

  const pick = (address: Address) => {
    typed.current = null;
    setOpen(false);
    setItems([]);
    setActive(-1);
    setAnnounce(t("address.chosen", { address: address.label }));
    onPick(address);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % items.length);
    } else if (event.key === "ArrowUp" && items.length) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i <= 0 ? items.length - 1 : i - 1));
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      const chosen = items[active];
      if (chosen) pick(chosen);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const expanded = open && items.length > 0;
  return (
    <div className={`field address-search${error ? " field-invalid" : ""}`}>
      <label htmlFor="address">{t("location.addressLabel")}</label>
      <Hint id={hintId("address")}>{t("location.addressHint")}</Hint>
      <ErrorMessage id={errorId("address")} message={error} />
      <input
        id="address"
        name="address"
        className="input"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId("address"), error && errorId("address"))}
        onChange={(event) => {
          typed.current = event.target.value;
          onChange(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <div id={listId} role="listbox" aria-label={t("address.suggestions")} className="address-options" hidden={!expanded}>
        {items.map((a, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard works in the field (aria-activedescendant), as the combobox pattern says
          <div
            key={a.label}
            id={`${listId}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            className={i === active ? "address-option address-option-active" : "address-option"}
            // Keeps focus in the field; a click chooses.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(a)}
          >
            {a.label}
          </div>
        ))}
      </div>
      <p className="visually-hidden" role="status">
        {announce}
      </p>
    </div>
  );
}

/** Reading a value from a JSON document by an RFC 6901 pointer (`/message/text`, `/items/0/url`). */
export function readPointer(document: unknown, pointer: string): unknown {
  if (pointer === "") return document;
  let value: unknown = document;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(value) && /^(0|[1-9]\d*)$/.test(token)) value = value[Number(token)];
    else if (value && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, token))
      value = (value as Record<string, unknown>)[token];
    else return undefined;
  }
  return value;
}

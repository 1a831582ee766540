/**
 * Open311 GeoReport v2 request and response shapes. Field names follow the specification
 * (snake_case), not our own API. Response schemas describe the JSON format; the XML format
 * carries the same fields (see open311.xml.ts).
 */
import { z } from "zod";

/** Every endpoint answers in the format named by its suffix: `services.json` or `services.xml`. */
export const Format = z.enum(["json", "xml"]);
export type Format = z.infer<typeof Format>;

/** The organisation slug; optional because one installation usually serves one city. */
const JurisdictionId = z
  .string()
  .regex(/^[a-z0-9-]{1,63}$/, "must be an organisation slug")
  .optional()
  .describe("The organisation slug; defaults to the installation's default organisation");
/** `fi`, `sv` or `en`; longer tags such as `sv_FI` or `en-GB` are accepted by their language part. */
const Locale = z.string().max(20).optional().describe("Language of names and labels: fi (default), sv or en");

export const FormatParams = z.object({ format: Format });
export const ServiceParams = z.object({ service_code: z.string().min(1).max(100), format: Format });
export const RequestParams = z.object({ service_request_id: z.string().min(1).max(100), format: Format });
export const TokenParams = z.object({ token: z.string().min(1).max(200), format: Format });

export const ReadQuery = z.object({ jurisdiction_id: JurisdictionId, locale: Locale, lang: Locale });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;
/** An ISO 8601 date or date-time; without an offset it is read as UTC. */
const DateTime = z
  .string()
  .regex(ISO_DATE, "must be an ISO 8601 date-time, e.g. 2025-05-01T12:00:00Z")
  .transform((s) => new Date(normaliseIsoDate(s)))
  .refine((d) => !Number.isNaN(d.getTime()), "not a valid date")
  .optional();

/** Makes the ISO 8601 variants that `Date` does not read (`+0300`, `+03`, a space) readable. */
function normaliseIsoDate(s: string): string {
  const t = s.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  if (t.length === 10) return `${t}T00:00:00Z`;
  return /([+-]\d{2}:\d{2}|Z)$/.test(t) ? t : /[+-]\d{2}$/.test(t) ? `${t}:00` : `${t}Z`;
}

const List = (item: RegExp, what: string) =>
  z
    .string()
    .max(2000)
    .refine((s) => s.split(",").every((v) => item.test(v.trim())), `must be a comma-separated list of ${what}`)
    .transform((s) => [...new Set(s.split(",").map((v) => v.trim()))])
    .optional();

/** Maximum requests in one answer; the specification caps a query at 1000. */
export const MAX_REQUESTS = 1000;

export const RequestListQuery = ReadQuery.extend({
  service_request_id: List(/^[A-Za-z0-9-]{1,40}$/, "request ids").describe("Comma-separated ids; when given, other filters are ignored"),
  service_code: List(/^[A-Za-z0-9_.-]{1,100}$/, "service codes"),
  start_date: DateTime.describe("Earliest requested_datetime (ISO 8601)"),
  end_date: DateTime.describe("Latest requested_datetime (ISO 8601); the range may span at most 90 days"),
  status: List(/^(open|closed)$/, "open and closed"),
  limit: z.coerce.number().int().min(1).max(MAX_REQUESTS).optional().describe("Requests per page, 1–1000 (default 1000)"),
  page: z.coerce.number().int().min(1).max(10_000).optional().describe("Page number, from 1 (an extension of the specification)"),
});
export type RequestListQuery = z.output<typeof RequestListQuery>;

const Scalar = z.union([z.string().max(5000), z.number(), z.boolean()]);
const FormValue = z.union([Scalar, z.array(Scalar).max(50)]);
const Text = (max: number) => z.union([z.string().max(max), z.number()]).optional();

/**
 * A new service request, form-encoded (as the specification has it) or JSON. Attributes come as
 * `attribute[code]=value` (`attribute[code][]=value` for several) or, in JSON, as an `attribute` object.
 */
export const RequestSubmission = z
  .object({
    api_key: z.string().max(200).optional().describe("Required; sent in the body (or the query string)"),
    jurisdiction_id: z.string().max(63).optional(),
    service_code: z.string().min(1).max(100),
    lat: Text(40),
    long: Text(40),
    address_string: z.string().max(200).optional(),
    address_id: Text(100),
    email: z.string().max(254).optional(),
    device_id: Text(200),
    account_id: Text(200),
    first_name: z.string().max(60).optional(),
    last_name: z.string().max(60).optional(),
    phone: z.string().max(40).optional(),
    description: z.string().max(5000).optional(),
    media_url: z.string().max(2000).optional(),
    locale: Locale,
    lang: Locale,
    attribute: z.record(z.string().max(40), FormValue).optional(),
  })
  .catchall(FormValue);
export type RequestSubmission = z.output<typeof RequestSubmission>;
export type FormValue = z.output<typeof FormValue>;

export const Open311Error = z.object({ code: z.number().int(), description: z.string() });
export const Open311Errors = z.array(Open311Error).describe("Open311 errors (XML: errors/error)");
export type Open311Error = z.infer<typeof Open311Error>;

export const Discovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(["production", "test"]),
      formats: z.array(z.string()),
    }),
  ),
});
export type Discovery = z.infer<typeof Discovery>;

export const Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(["realtime", "batch", "blackbox"]),
  keywords: z.string(),
  group: z.string(),
});
export const ServiceList = z.array(Service).describe("Services (XML: services/service)");
export type Service = z.infer<typeof Service>;

export const ServiceAttribute = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]),
  required: z.boolean(),
  datatype_description: z.string().nullable(),
  order: z.number().int(),
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
});
export const ServiceDefinition = z
  .object({ service_code: z.string(), attributes: z.array(ServiceAttribute) })
  .describe("XML: service_definition/attributes/attribute/values/value");
export type ServiceDefinition = z.infer<typeof ServiceDefinition>;
export type ServiceAttribute = z.infer<typeof ServiceAttribute>;

export const ServiceRequest = z.object({
  service_request_id: z.string(),
  status: z.enum(["open", "closed"]),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});
export const ServiceRequestList = z.array(ServiceRequest).describe("Service requests (XML: service_requests/request)");
export type ServiceRequest = z.infer<typeof ServiceRequest>;

export const RequestCreated = z.array(
  z.object({ service_request_id: z.string(), service_notice: z.string().nullable(), account_id: z.string().nullable() }),
);
export type RequestCreated = z.infer<typeof RequestCreated>;

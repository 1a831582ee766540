import type { RuleAction, RuleCondition } from "@yhteys/contracts";
import { describe, expect, it } from "vitest";
import type { StatusRow } from "../workflows/workflows.ts";
import { compileRules, evaluateRules, type RuleEnvironment, type RuleFacts, wordsOf } from "./rules.engine.ts";
import { environment } from "./rules.ts";

const ids = {
  parent: "10000000-0000-4000-8000-000000000001",
  leaf: "10000000-0000-4000-8000-000000000002",
  other: "10000000-0000-4000-8000-000000000003",
};
const group = { water: "20000000-0000-4000-8000-000000000001", night: "20000000-0000-4000-8000-000000000002" };
const parents = new Map<string, string | null>([
  [ids.parent, null],
  [ids.leaf, ids.parent],
  [ids.other, null],
]);
const now = new Date("2026-03-02T10:00:00Z");
const env = (open = true): RuleEnvironment => ({
  categoryPath: (id) => {
    const path: string[] = [];
    for (let c: string | null | undefined = id; c; c = parents.get(c)) path.push(c);
    return path;
  },
  isBusinessHours: () => open,
  minutesSince: (from) => (now.getTime() - from.getTime()) / 60_000,
  statusOf: () => null,
  phaseOf: () => undefined,
});
const facts = (over: Partial<RuleFacts> = {}): RuleFacts => ({
  categoryId: ids.leaf,
  type: "fault_report",
  channel: "web",
  priority: "normal",
  language: "fi",
  state: "new",
  areaId: null,
  description: "Vesijohdosta tulee vettä kadulle, vesivuotoa on jo tunnin ajan.",
  customerKnown: false,
  assigned: false,
  changed: [],
  ...over,
});
let n = 0;
const rule = (conditions: RuleCondition[], actions: RuleAction[], stopsProcessing = false) => ({
  id: `30000000-0000-4000-8000-00000000000${++n}`,
  name: `Sääntö ${n}`,
  trigger: "created" as const,
  stopsProcessing,
  conditions,
  actions,
});

describe("the rule engine", () => {
  it("matches words by their beginnings in any case, so inflected Finnish forms match", () => {
    expect(wordsOf("Vesivuotoa KADULLA, vesivuotoa!")).toEqual(["kadulla", "vesivuotoa"]);
    const rules = compileRules([
      rule([{ field: "words", anyOf: ["vesivuoto", "putkirikko"] }], [{ action: "setPriority", priority: "urgent" }]),
    ]);
    expect(evaluateRules(rules, facts(), env()).changes).toEqual({ priority: "urgent" });
    expect(evaluateRules(rules, facts({ description: "Vuoto" }), env()).fired).toEqual([]);
    // A word inside another word does not match: "vuoto" is not the beginning of "vesivuotoa".
    const inner = compileRules([rule([{ field: "words", anyOf: ["vuoto"] }], [{ action: "setPriority", priority: "high" }])]);
    expect(evaluateRules(inner, facts(), env()).fired).toEqual([]);
  });

  it("matches a category through its parent, and every condition must hold", () => {
    const rules = compileRules([
      rule(
        [
          { field: "category", anyOf: [ids.parent] },
          { field: "channel", anyOf: ["web", "mobile"] },
        ],
        [{ action: "route", groupId: group.water }],
      ),
    ]);
    expect(evaluateRules(rules, facts(), env()).changes).toEqual({ groupId: group.water, handlerId: null });
    expect(evaluateRules(rules, facts({ channel: "email" }), env()).fired).toEqual([]);
    expect(evaluateRules(rules, facts({ categoryId: ids.other }), env()).fired).toEqual([]);
  });

  it("runs rules in order: later rules see earlier changes, the last route wins, and a stopping rule ends the run", () => {
    const first = rule([{ field: "words", anyOf: ["vesi"] }], [{ action: "setCategory", categoryId: ids.other }]);
    const second = rule([{ field: "category", anyOf: [ids.other] }], [{ action: "route", groupId: group.water }]);
    const third = rule([{ field: "businessHours", is: false }], [{ action: "route", groupId: group.night }], true);
    const fourth = rule([], [{ action: "setPriority", priority: "low" }]);
    const rules = compileRules([first, second, third, fourth]);
    const day = evaluateRules(rules, facts(), env(true));
    expect(day.fired.map((f) => f.name)).toEqual([first.name, second.name, fourth.name]);
    expect(day.changes).toEqual({ categoryId: ids.other, groupId: group.water, handlerId: null, priority: "low" });
    const night = evaluateRules(rules, facts(), env(false));
    expect(night.fired.map((f) => f.name)).toEqual([first.name, second.name, third.name]);
    expect(night.changes.groupId).toBe(group.night);
    // The history keeps why each rule fired and what it did, and which rule left the later ones untried.
    expect(night.fired[0]).toEqual({ id: first.id, name: first.name, conditions: first.conditions, actions: first.actions });
    expect(night.stoppedBy).toEqual({ id: third.id, name: third.name });
    expect(day.stoppedBy).toBeUndefined();
    // A stopping rule that is last leaves nothing untried.
    expect(evaluateRules(compileRules([first, third]), facts(), env(false)).stoppedBy).toBeUndefined();
  });

  it("routes in turn to a group's queue, and a later route to a person or group takes over", () => {
    const inTurn = rule([], [{ action: "routeInTurn", groupId: group.water }]);
    expect(evaluateRules(compileRules([inTurn]), facts(), env()).changes).toEqual({
      groupId: group.water,
      handlerId: null,
      inTurn: group.water,
    });
    const person = rule([], [{ action: "route", handlerId: ids.other }]);
    expect(evaluateRules(compileRules([inTurn, person]), facts(), env()).changes).toEqual({ groupId: group.water, handlerId: ids.other });
  });

  it("tells what a change changed and whether the resident is known", () => {
    const rules = compileRules([
      rule(
        [
          { field: "changed", anyOf: ["category"] },
          { field: "customerKnown", is: true },
        ],
        [{ action: "route", handlerId: "40000000-0000-4000-8000-000000000001" }],
      ),
    ]);
    expect(evaluateRules(rules, facts({ changed: ["category"], customerKnown: true }), env()).changes).toEqual({
      handlerId: "40000000-0000-4000-8000-000000000001",
    });
    expect(evaluateRules(rules, facts({ changed: ["priority"], customerKnown: true }), env()).fired).toEqual([]);
    expect(evaluateRules(rules, facts({ changed: ["category"] }), env()).fired).toEqual([]);
  });

  it("tests time since an instant and whether someone handles the ticket, and collects states and tags", () => {
    const rules = compileRules([
      rule(
        [
          { field: "assigned", is: false },
          { field: "elapsed", since: "waiting", hours: 48, businessHours: false },
        ],
        [
          { action: "setState", state: "resolved" },
          { action: "addTag", tag: "vanha" },
        ],
      ),
      rule([{ field: "state", anyOf: ["resolved"] }], [{ action: "addTag", tag: "vanha" }]),
    ]);
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    const fired = evaluateRules(rules, facts({ times: { waiting: hoursAgo(49) } }), env());
    // The second rule sees the state the first set; a tag is added once.
    expect(fired.changes).toEqual({ state: "resolved", addTags: ["vanha"] });
    expect(fired.fired).toHaveLength(2);
    expect(evaluateRules(rules, facts({ times: { waiting: hoursAgo(47) } }), env()).fired).toEqual([]);
    expect(evaluateRules(rules, facts({ times: { waiting: null } }), env()).fired).toEqual([]);
    expect(evaluateRules(rules, facts({ assigned: true, times: { waiting: hoursAgo(49) } }), env()).fired).toEqual([]);
  });

  it("matches a status of the ticket's workflow: the stored one, else its phase's first status", () => {
    const status = (id: string, key: string, phase: StatusRow["phase"], active = true): StatusRow => ({
      id,
      organisationId: ids.other,
      typeId: ids.other,
      key,
      name: { fi: key },
      publicName: null,
      phase,
      position: 0,
      active,
      createdAt: now,
    });
    const st = {
      received: "50000000-0000-4000-8000-000000000001",
      handling: "50000000-0000-4000-8000-000000000002",
      contractor: "50000000-0000-4000-8000-000000000003",
      old: "50000000-0000-4000-8000-000000000004",
    };
    const workflows = new Map([
      [
        "fault_report",
        [
          status(st.old, "old", "in_progress", false),
          status(st.received, "received", "new"),
          status(st.handling, "handling", "in_progress"),
          status(st.contractor, "contractor", "in_progress"),
        ],
      ],
    ]);
    const real = environment({ byTrigger: { created: [], updated: [], time: [] }, parents, workflows }, null, now);
    const waiting = rule([{ field: "status", anyOf: [st.contractor] }], [{ action: "setPriority", priority: "high" }]);
    const handling = rule([{ field: "status", anyOf: [st.handling] }], [{ action: "addTag", tag: "käsittelyssä" }]);
    const rules = compileRules([waiting, handling]);
    const inProgress = { state: "in_progress", statusId: st.contractor };
    expect(evaluateRules(rules, facts(inProgress), real).fired.map((f) => f.name)).toEqual([waiting.name]);
    // Without a stored status (or with one of another phase) the ticket is in its phase's first active status.
    expect(evaluateRules(rules, facts({ state: "in_progress", statusId: null }), real).fired.map((f) => f.name)).toEqual([handling.name]);
    expect(evaluateRules(rules, facts({ state: "in_progress", statusId: st.received }), real).fired.map((f) => f.name)).toEqual([
      handling.name,
    ]);
    // Another phase, another type (no workflow) or no workflows at all: no status condition holds.
    expect(evaluateRules(rules, facts({ state: "new", statusId: null }), real).fired).toEqual([]);
    expect(evaluateRules(rules, facts({ ...inProgress, type: "feedback" }), real).fired).toEqual([]);
    expect(evaluateRules(rules, facts(inProgress), env()).fired).toEqual([]);
  });

  it("sets a status and its phase for later rules; the last state or status change wins", () => {
    const contractor = "50000000-0000-4000-8000-000000000003";
    const phased: RuleEnvironment = { ...env(), phaseOf: (id) => (id === contractor ? "waiting_for_customer" : undefined) };
    const toContractor = rule([{ field: "words", anyOf: ["vesi"] }], [{ action: "setStatus", statusId: contractor }]);
    const waiting = rule([{ field: "state", anyOf: ["waiting_for_customer"] }], [{ action: "addTag", tag: "urakoitsija" }]);
    const outcome = evaluateRules(compileRules([toContractor, waiting]), facts(), phased);
    expect(outcome.changes).toEqual({ statusId: contractor, addTags: ["urakoitsija"] });
    const resolve = rule([], [{ action: "setState", state: "resolved" }]);
    expect(evaluateRules(compileRules([toContractor, resolve]), facts(), phased).changes).toEqual({ state: "resolved" });
    expect(evaluateRules(compileRules([resolve, toContractor]), facts(), phased).changes).toEqual({ statusId: contractor });
  });
});

"""The soak's figures and their printout.

``Report`` turns what the run did (its ``World`` of edits, the situations,
the faults, the queue samples) and what the check found into figures, and
says which of them must be 0. An edit *reached* LegalSense when a write
LegalSense accepted (2xx) carried its value, or LegalSense holds it now; an
edited field is *lost* when its record's LegalSense record does not hold
the field's current Odoo value (a mismatch found through the mapping) at
the end, the queue drained.
"""

import datetime
import json

WRITES = ("POST", "PATCH", "PUT")
LIST_LIMIT = 12


def scan_secrets(secrets, texts):
    """{place: {secret kind: occurrences}} of every secret found."""
    found = {}
    for place, text in texts:
        hits = {
            kind: sum(text.count(value) for value in values if value)
            for kind, values in secrets.items()
        }
        found[place] = {kind: n for kind, n in hits.items() if n}
    return found


def accepted_writes(requests):
    """{resource: the bodies LegalSense accepted, as JSON text}."""
    bodies = {}
    for call in requests:
        parts = call["path"].split("/")
        if call["method"] in WRITES and 200 <= call["status"] < 300 and len(parts) > 3:
            text = json.dumps(call["body"], ensure_ascii=False)
            bodies.setdefault(parts[3], []).append(text)
    return {resource: "\n".join(texts) for resource, texts in bodies.items()}


def lost_verdict(findings, edit):
    """Whether the findings of the edit's record say its field is not in LS."""
    for resource, what in findings:
        if resource != edit.resource:
            continue
        if what.startswith("missing") or what == edit.ls_key:
            return what
        if what.startswith(edit.ls_key + "."):
            return what
    return None


class Report:
    def __init__(self, run, state, requests, result):
        self.run = run
        self.result = result
        situations = run.situations
        # Records whose write LegalSense refused stay behind by design; a
        # refused close leaves Odoo and LegalSense alike (not closed).
        refused = {job["refusal"] for job in result["failed"] if job["refusal"]}
        self.refused = {
            (r["model"], r["id"])
            for r in situations.refusals
            if r["kind"] == "write" and r["detail"] in refused
        }
        findings = {
            key: found
            for key, found in result["findings"].items()
            if tuple_key(key) not in self.refused
        }
        self.findings = findings
        self.figures = {
            "edits": self.edit_figures(state, requests, result, findings),
            "out_of_line": sum(map(len, findings.values())),
            "records_out_of_line": len(findings),
            "duplicates": len(
                {(r[0], r[1]) for rows in result["duplicates"].values() for r in rows}
            ),
            "failed_jobs": len(result["failed"]),
            "failed_not_refused": sum(1 for f in result["failed"] if not f["refusal"]),
            "refusals": len(situations.refusals),
            "dead_requeued": result["dead_requeued"],
            "stall_after_kill": self.stall(),
            "secrets": sum(sum(v.values()) for v in result["secrets"].values()),
            "left_in_queue": run.left_in_queue,
            "times": run.times,
        }

    # ------------------------------------------------------------ figures

    def edit_figures(self, state, requests, result, findings):
        writes = accepted_writes(requests)
        final = {
            name: json.dumps(records, ensure_ascii=False)
            for name, records in state.items()
        }
        edits = self.run.world.edits
        reached = [
            edit.needle in writes.get(edit.resource, "")
            or edit.needle in final.get(edit.resource, "")
            for edit in edits
        ]
        last = {(e.model, e.record_id, e.field): e for e in edits}
        superseded = sum(
            1
            for edit, seen in zip(edits, reached, strict=True)
            if not seen and last[(edit.model, edit.record_id, edit.field)] is not edit
        )
        existing = {model: set(ids) for model, ids in result["existing"].items()}
        lost, deleted, refused = [], 0, 0
        for (model, record_id, field), edit in last.items():
            if record_id not in existing.get(model, ()):
                deleted += 1
            elif (model, record_id) in self.refused:
                refused += 1
            else:
                key = f"{model},{record_id}"
                verdict = lost_verdict(findings.get(key, ()), edit)
                if verdict:
                    lost.append(
                        f"{key} {field} ({edit.resource}: {verdict}), saved "
                        f"{utc_clock(edit.saved_at)} UTC"
                    )
                    lost += [f"  {line}" for line in result["jobs"].get(key, ())]
        self.lost = lost
        return {
            "made": len(edits),
            "reached": sum(reached),
            "superseded": superseded,
            "fields_edited": len(last),
            "fields_on_deleted_records": deleted,
            "fields_on_refused_records": refused,
            "lost": sum(1 for line in lost if not line.startswith(" ")),
        }

    def stall(self):
        kill = self.run.situations.kill
        return self.run.monitor.longest_stall(kill["time"]) if kill else None

    def must_be_zero(self):
        figures = self.figures
        return {
            "lost edits": figures["edits"]["lost"],
            "records out of line with Odoo": figures["records_out_of_line"],
            "duplicate LegalSense records": figures["duplicates"],
            "jobs failed for good without a refusal": figures["failed_not_refused"],
            "secrets found": figures["secrets"],
            "LegalSense jobs left in the queue": figures["left_in_queue"],
        }

    def failed(self):
        return any(self.must_be_zero().values())

    # ------------------------------------------------------------ text

    def text(self):
        sections = (
            self.summary_lines,
            self.situation_lines,
            self.fault_lines,
            self.operation_lines,
            self.out_of_line_lines,
            self.duplicate_lines,
            self.failed_lines,
            self.queue_lines,
            self.secret_lines,
            self.verdict_lines,
        )
        return "\n".join(line for section in sections for line in section())

    def summary_lines(self):
        edits = self.figures["edits"]
        yield ""
        yield "=" * 72
        yield f"LegalSense soak, seed {self.run.args.seed}, code {self.run.args.code}"
        yield "=" * 72
        yield f"edits made (accepted by Odoo):           {edits['made']}"
        yield f"edits that reached LegalSense:           {edits['reached']}"
        yield (
            f"  not sent, a later save of the field first: {edits['superseded']} "
            "(saves collapse into one job)"
        )
        yield (
            f"fields edited (last value checked):      {edits['fields_edited']} "
            f"({edits['fields_on_deleted_records']} on records deleted later, "
            f"{edits['fields_on_refused_records']} on refused records)"
        )
        yield f"lost edits (must be 0):                  {edits['lost']}"
        yield from bullet(self.lost, limit=40)

    def situation_lines(self):
        yield ""
        yield "Situations:"
        yield from bullet(self.run.situations.notes, limit=50)

    def fault_lines(self):
        log = self.run.fault_log
        triggered = log.triggered()
        yield ""
        yield "Faults injected (triggered / injected):"
        for kind in sorted(log.injected):
            yield f"  {kind:<40} {triggered[kind]:>4} / {log.injected[kind]}"
        for event, count in sorted(log.events.items()):
            yield f"  {event:<40} {count:>4}"

    def operation_lines(self):
        world = self.run.world
        yield ""
        yield "Client operations:"
        for (operation, outcome), count in sorted(world.counts.items()):
            yield f"  {operation:<28} {outcome:<18} {count:>5}"
        if world.errors:
            yield "  Odoo refused (most frequent):"
            for error, count in world.errors.most_common(6):
                yield f"    {count:>4} x {error}"

    def out_of_line_lines(self):
        yield ""
        yield (
            f"Records out of line with Odoo (must be 0): "
            f"{self.figures['records_out_of_line']} "
            f"({self.figures['out_of_line']} fields or records)"
        )
        lines = [
            f"{key}: {resource} {what}"
            for key, found in sorted(self.findings.items())
            for resource, what in found
        ]
        yield from bullet(lines)
        yield f"Addresses left without contact by a deletion: {self.result['orphaned']}"

    def duplicate_lines(self):
        duplicates = self.result["duplicates"]
        yield ""
        yield f"Duplicate LegalSense records (must be 0): {self.figures['duplicates']}"
        yield f"  not linked from Odoo: {len(duplicates['unlinked'])}"
        yield from bullet([f"{r}/{i}: {d}" for r, i, d in duplicates["unlinked"]], 4)
        yield f"  linked from two Odoo records: {len(duplicates['shared'])}"
        yield from bullet([f"{r}/{i}: {o}" for r, i, o in duplicates["shared"]], 4)

    def failed_lines(self):
        failed = self.result["failed"]
        yield ""
        yield (
            f"Jobs failed for good: {len(failed)}; refusals LegalSense was told to "
            f"make: {len(self.run.situations.refusals)}; failed without a refusal "
            f"(must be 0): {self.figures['failed_not_refused']}"
        )
        for job in failed[:LIST_LIMIT]:
            yield f"  - {job['what']} [{job['record']}]: {job['reason']}"
            yield (
                f"    on the record: {job['record_state']} / "
                f"{(job['record_error'] or '-')[:120]}"
                + ("" if job["refusal"] else "   << not a refusal")
            )
        yield "  Refusals:"
        closes = {(c["model"], c["id"]): c for c in self.result["closes"]}
        for refusal in self.run.situations.refusals:
            yield f"  - {refusal['kind']}: {refusal['detail']}"
            yield f"    {self.refusal_outcome(refusal, closes)}"

    def refusal_outcome(self, refusal, closes):
        if refusal["kind"] == "write":
            jobs = [
                j for j in self.result["failed"] if j["refusal"] == refusal["detail"]
            ]
            return f"jobs failed with it: {len(jobs)}"
        close = closes.get((refusal["model"], refusal["id"]), {})
        return (
            f"save: {refusal['outcome']}; closed in Odoo at the end: "
            f"{close.get('closed_in_odoo')}; note on the matter: "
            f"{close.get('note_posted')}"
        )

    def queue_lines(self):
        run = self.run
        kill = run.situations.kill
        stall = self.figures["stall_after_kill"]
        yield ""
        yield f"Dead jobs requeued by the job runner: {self.figures['dead_requeued']}"
        dead = sum(1 for job in self.result["failed"] if job["dead"])
        yield f"Jobs failed as found dead too often: {dead}"
        yield (
            "Longest stall of the LegalSense queue after the worker kill: "
            + (f"{stall:.1f} s" if stall is not None else "no kill")
        )
        if kill:
            yield f"  (killed pid {kill['pid']}, job {kill['uuid']})"
        drain = run.times.get("drain")
        yield (
            "Queue drained: "
            + (f"in {drain:.0f} s" if drain is not None else "NO (timeout)")
            + f"; LegalSense jobs left (must be 0): {run.left_in_queue}"
        )
        yield (
            f"Times: load {run.times.get('load', 0):.0f} s, check "
            f"{run.times.get('check', 0):.0f} s"
        )

    def secret_lines(self):
        yield ""
        yield f"Secrets found (must be 0): {self.figures['secrets']}"
        for place, hits in self.result["secrets"].items():
            found = ", ".join(f"{kind} x{n}" for kind, n in hits.items()) or "none"
            yield f"  {place:<40} {found}"
        yield f"  (bearer tokens issued: {len(self.run.simulator.tokens())})"

    def verdict_lines(self):
        yield ""
        yield "Must be 0:"
        for label, value in self.must_be_zero().items():
            yield f"  {label:<45} {value}"
        yield "RESULT: " + ("FAIL" if self.failed() else "PASS")


def utc_clock(epoch):
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return moment.strftime("%H:%M:%S.%f")[:12]


def bullet(lines, indent=2, limit=LIST_LIMIT):
    pad = " " * indent
    for line in lines[:limit]:
        yield f"{pad}- {line}"
    if len(lines) > limit:
        yield f"{pad}  ... and {len(lines) - limit} more"


def tuple_key(key):
    model, record_id = key.split(",")
    return model, int(record_id)

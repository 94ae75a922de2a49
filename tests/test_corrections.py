"""Correcting and withdrawing records: contacts, payments, agreements, hearings, stays, referrals.

Each correction is checked on a real database file: the record, the warnings, the dossier and
the figures before and after, the history entry, and that a removal leaves no trace in the
figures, the calendar feed or the landlord report.
"""

import json

import pytest

from conftest import assert_one_line_error, snapshot


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def figures(cli, month="2026-11") -> dict:
    return {(r["figure"], r["breakdown"]): r["value"] for r in as_json(cli("stats", "--month", month, "-f", "json"))}


def rules_of(cli, *extra) -> list[str]:
    return sorted(w["rule"] for w in as_json(cli("deadlines", "-f", "json", "--within", "60", *extra)))


def history(cli, number) -> list[dict]:
    return as_json(cli("case", "history", number, "-f", "json"))


@pytest.fixture
def case(new_case):
    return new_case("--consent-tenant", "--consent-landlord", "--date", "01/10/2026")


# --- contacts -------------------------------------------------------------------------

def test_a_contact_is_corrected(cli, case):
    assert_one_line_error(cli("visit", case, "--date", "10/11/2026", "--minutes", "900", "--no-input"), code=2,
                          contains="at most 8 hours")  # 900 meant as 90
    ok(cli("visit", case, "--date", "10/11/2026", "--minutes", "90", "--no-input", "--note", "keuken"))
    [contact] = as_json(cli("visit", "list", case, "-f", "json"))
    assert figures(cli)[("hours", "")] == 1.5
    ok(cli("visit", "edit", case, str(contact["id"]), "--minutes", "45", "--kind", "office", "--note", ""))
    [after] = as_json(cli("visit", "list", case, "-f", "json"))
    assert (after["id"], after["minutes"], after["kind"], after["note"]) == (contact["id"], 45, "office", None)
    assert figures(cli)[("hours", "")] == 0.8 and figures(cli)[("home_visits", "")] == 0
    [entry] = [e for e in history(cli, case) if e["action"] == "correct"]
    assert entry["detail"] == f"contact {contact['id']} corrected: kind, minutes, note"
    assert "keuken" not in json.dumps(history(cli, case))


def test_a_removed_contact_leaves_every_view_warning_and_figure(cli, case):
    ok(cli("visit", case, "--date", "20/11/2026", "--minutes", "60", "--no-input", "--note", "verkeerd dossier"))
    [contact] = as_json(cli("visit", "list", case, "-f", "json"))
    assert "no-contact" not in rules_of(cli, "--within", "0")
    before = (figures(cli), as_json(cli("case", "show", case, "-f", "json")))
    assert before[0][("contacts", "")] == 1 and before[1]["contacts"]
    ok(cli("visit", "remove", case, str(contact["id"]), "--reason", "logged on the wrong case"))
    assert as_json(cli("visit", "list", case, "-f", "json")) == []
    dossier = as_json(cli("case", "show", case, "-f", "json"))
    assert dossier["contacts"] == []
    assert figures(cli)[("contacts", "")] == 0 and figures(cli)[("hours", "")] == 0
    assert "no-contact" in rules_of(cli, "--within", "0")  # 01/10 + 30 days has passed without contact again
    [row] = as_json(cli("case", "list", "-f", "json"))
    assert row["last_contact"] is None
    [entry] = [e for e in history(cli, case) if e["action"] == "remove"]
    assert entry["detail"] == (f"contact {contact['id']} (home, 2026-11-20) removed; "
                               "reason: logged on the wrong case")
    assert entry["user"]
    assert "verkeerd dossier" not in json.dumps(history(cli, case))


@pytest.mark.parametrize("args, code, text", [
    (["visit", "edit", "{n}", "99", "--minutes", "5"], 3, "has no contact 99"),
    (["visit", "edit", "{n}", "{id}", "--minutes", "30"], 2, "nothing to change"),
    (["visit", "edit", "{n}", "{id}", "--minutes", "481"], 2, "at most 8 hours"),
    (["visit", "edit", "{n}", "{id}", "--date", "+1d"], 2, "future"),
    (["visit", "edit", "{n}", "{id}", "--next", "01/11/2026"], 2, "after this one"),
    (["visit", "edit", "{n}", "{id}"], 2, "give what to correct"),
    (["visit", "remove", "{n}", "{id}", "--reason", "  "], 2, "--reason"),
    (["visit", "remove", "{n}", "{id}"], 2, "--reason"),
    (["visit", "remove", "{n}", "99", "--reason", "x"], 3, "has no contact 99"),
    (["visit", "remove", "{other}", "{id}", "--reason", "x"], 3, "has no contact"),  # another case's id
    (["visit", "remove", "{n}", "x", "--reason", "x"], 2, "ID"),
])
def test_bad_contact_corrections_write_nothing(cli, case, new_case, db_path, args, code, text):
    other = new_case("--tenant", "Ander", "--address", "Elders 2")
    ok(cli("visit", case, "--date", "05/11/2026", "--minutes", "30", "--no-input"))
    [contact] = as_json(cli("visit", "list", case, "-f", "json"))
    before = snapshot(db_path)
    filled = [a.replace("{n}", case).replace("{id}", str(contact["id"])).replace("{other}", other) for a in args]
    assert_one_line_error(cli(*filled), code=code, contains=text)
    assert snapshot(db_path) == before


def test_a_removed_contact_cannot_be_removed_twice_nor_on_a_closed_case(cli, case, db_path):
    ok(cli("visit", case, "--no-input"))
    [contact] = as_json(cli("visit", "list", case, "-f", "json"))
    ok(cli("visit", "remove", case, str(contact["id"]), "--reason", "twice"))
    assert_one_line_error(cli("visit", "remove", case, str(contact["id"]), "--reason", "x"), code=3)
    ok(cli("visit", case, "--no-input"))
    [second] = as_json(cli("visit", "list", case, "-f", "json"))
    ok(cli("case", "close", case, "--outcome", "referred"))
    before = snapshot(db_path)
    assert_one_line_error(cli("visit", "edit", case, str(second["id"]), "--minutes", "5"), code=4, contains="reopen")
    assert_one_line_error(cli("visit", "remove", case, str(second["id"]), "--reason", "x"), code=4,
                          contains="reopen")
    assert snapshot(db_path) == before


# --- payments and agreements --------------------------------------------------------------

def test_a_removed_payment_reopens_the_balance_and_the_plan(cli, case):
    ok(cli("plan", case, "--arrears", "300", "--force", "--instalment", "100", "--start", "01/10/2026"))
    ok(cli("plan", "pay", case, "--amount", "300", "--date", "02/10/2026"))
    shown = as_json(cli("plan", "show", case, "-f", "json"))
    assert shown["status"] == "completed" and shown["balance"] == 0
    [payment] = shown["payments"]
    assert "instalment-unpaid" not in rules_of(cli)
    ok(cli("plan", "payment-remove", case, str(payment["id"]), "--reason", "cheque bounced"))
    shown = as_json(cli("plan", "show", case, "-f", "json"))
    assert (shown["status"], shown["balance"], shown["paid"], shown["payments"]) == ("active", 300.0, 0, [])
    assert "instalment-unpaid" in rules_of(cli)
    assert as_json(cli("case", "show", case, "-f", "json"))["payment_plan"]["balance"] == 300.0
    assert "payment 1 (dated 2026-10-02) removed; reason: cheque bounced" in [
        e["detail"] for e in history(cli, case)]
    assert "#" in cli("plan", "show", case).stdout


def test_a_payment_is_corrected_in_one_command(cli, case, db_path):
    ok(cli("plan", case, "--arrears", "300", "--force", "--instalment", "100", "--start", "01/10/2026"))
    ok(cli("plan", "pay", case, "--amount", "300", "--date", "02/10/2026"))  # 100 was paid, 300 typed
    [payment] = as_json(cli("plan", "show", case, "-f", "json"))["payments"]
    assert as_json(cli("plan", "show", case, "-f", "json"))["status"] == "completed"
    assert "instalment-unpaid" not in rules_of(cli)
    assert "paid off" not in ok(cli("plan", "payment-edit", case, str(payment["id"]), "--amount", "100")).stderr
    shown = as_json(cli("plan", "show", case, "-f", "json"))
    assert (shown["status"], shown["paid"], shown["balance"]) == ("active", 100.0, 200.0)
    assert [(p["id"], p["amount"], p["date"]) for p in shown["payments"]] == [(payment["id"], 100.0, "2026-10-02")]
    assert "instalment-unpaid" in rules_of(cli)  # the instalment of 01/11 is unpaid after all
    assert as_json(cli("case", "show", case, "-f", "json"))["payment_plan"]["balance"] == 200.0
    ok(cli("plan", "payment-edit", case, str(payment["id"]), "--date", "05/10/2026"))
    assert as_json(cli("plan", "show", case, "-f", "json"))["payments"][0]["date"] == "2026-10-05"
    details = [e["detail"] for e in history(cli, case)]
    assert f"payment {payment['id']} corrected: amount" in details and "payment plan 1 active again" in details
    assert f"payment {payment['id']} corrected: date" in details
    before = snapshot(db_path)
    for args, code, text in ((["--amount", "100"], 2, "nothing to change"), (["--amount", "301"], 2, "balance"),
                             (["--amount", "0"], 2, "more than 0"), (["--date", "+1d"], 2, "future"),
                             (["--date", "01/01/2026"], 2, "registration"), ([], 2, "give what to correct")):
        assert_one_line_error(cli("plan", "payment-edit", case, str(payment["id"]), *args), code=code, contains=text)
    assert_one_line_error(cli("plan", "payment-edit", case, "99", "--amount", "5"), code=3, contains="no payment 99")
    assert snapshot(db_path) == before
    out = ok(cli("plan", "payment-edit", case, str(payment["id"]), "--amount", "300"))
    assert "paid off" in out.stderr and as_json(cli("plan", "show", case, "-f", "json"))["status"] == "completed"


def test_agreements_are_corrected_and_withdrawn(cli, case):
    agreement = ok(cli("plan", "agree", case, "keuken poetsen", "--due", "01/11/2026")).stdout.strip()
    report = lambda: as_json(cli("case", "report", case, "--for", "landlord", "-f", "json"))  # noqa: E731
    assert "agreement-overdue" in rules_of(cli)
    ok(cli("plan", "agree-edit", case, agreement, "--due", "01/12/2026", "--text", "badkamer", "--party", "landlord"))
    [shown] = as_json(cli("case", "show", case, "-f", "json"))["agreements"]
    assert (shown["text"], shown["due"], shown["party"]) == ("badkamer", "2026-12-01", "landlord")
    assert "agreement-overdue" in rules_of(cli)  # due within 60 days: info
    assert "agreement-overdue" not in rules_of(cli, "--within", "0")
    assert [a["agreement"] for a in report()["agreements"]] == ["badkamer"]
    ok(cli("plan", "agree-remove", case, agreement, "--reason", "not agreed after all"))
    assert as_json(cli("case", "show", case, "-f", "json"))["agreements"] == []
    assert report()["agreements"] == [] and "agreement-overdue" not in rules_of(cli)
    assert_one_line_error(cli("plan", "done", case, agreement), code=3)
    assert_one_line_error(cli("plan", "agree-edit", case, agreement, "--text", "x"), code=3)
    details = [e["detail"] for e in history(cli, case)]
    assert f"agreement {agreement} corrected: text, due date, party" in details
    assert "keuken" not in json.dumps(details) and "badkamer" not in json.dumps(details)


def test_an_agreement_marked_done_by_mistake_is_open_again(cli, case, db_path):
    agreement = ok(cli("plan", "agree", case, "keuken poetsen", "--due", "01/11/2026")).stdout.strip()
    report = lambda: as_json(cli("case", "report", case, "--for", "landlord", "-f", "json"))  # noqa: E731
    ok(cli("plan", "done", case, agreement, "--date", "20/11/2026"))
    assert "agreement-overdue" not in rules_of(cli)
    assert report()["agreements"][0]["kept"] == "kept late"
    ok(cli("plan", "agree-edit", case, agreement, "--not-done"))  # the kitchen was not cleaned after all
    assert "agreement-overdue" in rules_of(cli, "--within", "0")
    [shown] = as_json(cli("case", "show", case, "-f", "json"))["agreements"]
    assert shown["done"] is None and report()["agreements"][0]["kept"] == "not kept"
    ok(cli("plan", "agree-edit", case, agreement, "--done", "21/11/2026"))
    assert as_json(cli("case", "show", case, "-f", "json"))["agreements"][0]["done"] == "2026-11-21"
    assert [e["detail"] for e in history(cli, case)].count(f"agreement {agreement} corrected: done") == 2
    before = snapshot(db_path)
    for args, text in ((["--done", "21/11/2026"], "nothing to change"), (["--done", "+1d"], "future"),
                       (["--done", "01/01/2026"], "registration"), (["--done", "20/11/2026", "--not-done"], "not both")):
        assert_one_line_error(cli("plan", "agree-edit", case, agreement, *args), code=2, contains=text)
    assert snapshot(db_path) == before


def test_a_consent_recorded_by_mistake_is_withdrawn(cli, case, db_path):
    assert "pw-consent-missing" not in rules_of(cli)
    ok(cli("case", "consent-remove", case, "--landlord", "--reason", "the landlord has not answered yet"))
    assert "pw-consent-missing" in rules_of(cli)
    consent = as_json(cli("case", "show", case, "-f", "json"))["consents"]
    assert consent["landlord"] is None and consent["tenant"] == "2026-10-01"
    assert "consent of landlord (dated 2026-10-01) removed; reason: the landlord has not answered yet" in [
        e["detail"] for e in history(cli, case)]
    before = snapshot(db_path)
    for args, code, text in ((["--landlord", "--reason", "x"], 3, "no consent of the landlord"),
                             (["--tenant", "--landlord", "--reason", "x"], 3, "no consent of the landlord"),
                             (["--tenant", "--reason", " "], 2, "--reason"), (["--tenant"], 2, "--reason"),
                             (["--reason", "x"], 2, "--tenant/--landlord")):
        assert_one_line_error(cli("case", "consent-remove", case, *args), code=code, contains=text)
    assert snapshot(db_path) == before
    ok(cli("case", "consent", case, "--landlord", "--date", "20/11/2026"))
    assert "pw-consent-missing" not in rules_of(cli)


# --- hearings -------------------------------------------------------------------------------

def hearing(cli, number, when="30/11/2026 09:30", *extra):
    return ok(cli("hearing", "add", number, "--date", when, "--court", "Vredegerecht Mechelen",
                  "--petition-date", "18/11/2026", "--claimed", "2450", *extra))


def test_a_hearing_entered_twice_is_refused_and_one_entered_by_mistake_removed(cli, case, db_path):
    hearing(cli, case)
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", "add", case, "--date", "30/11/2026 09:30", "--court", "VG"), code=4,
                          contains="already has a hearing")
    assert snapshot(db_path) == before
    ics = cli("hearing", "list", "--within", "30", "-f", "ics").stdout
    assert ics.count("BEGIN:VEVENT") == 1
    assert "hearing-due" in rules_of(cli)
    assert figures(cli)[("hearings_scheduled", "")] == 1  # on 30/11, after today: still to come, not held
    report = as_json(cli("case", "report", case, "--for", "landlord", "-f", "json"))
    assert report["next_step"]["what"] == "hearing"
    ok(cli("hearing", "remove", case, "--reason", "petition was for another tenant"))
    ics = cli("hearing", "list", "--within", "30", "-f", "ics").stdout  # only as cancelled: a calendar drops it
    assert ics.count("BEGIN:VEVENT") == 1 and "STATUS:CANCELLED" in ics and "STATUS:CONFIRMED" not in ics
    assert as_json(cli("hearing", "list", "--within", "30", "-f", "json")) == []
    assert "hearing-due" not in rules_of(cli)
    assert figures(cli)[("hearings", "")] == 0 and figures(cli)[("hearings_scheduled", "")] == 0
    report = as_json(cli("case", "report", case, "--for", "landlord", "-f", "json"))
    assert report["next_step"] is None or report["next_step"]["what"] != "hearing"
    assert_one_line_error(cli("hearing", "brief", case), code=3)
    assert any(e["action"] == "remove" and "reason: petition was for another tenant" in e["detail"]
               for e in history(cli, case))


def test_the_pending_hearing_is_corrected_and_its_proposal_kept_editable(cli, case, db_path):
    hearing(cli, case)
    uid = cli("hearing", "list", "--within", "30", "-f", "ics").stdout.split("UID:")[1].split()[0]
    ok(cli("hearing", "edit", case, "--date", "01/12/2026 10:00", "--room", "3", "--proposal", "plan van 100"))
    [row] = as_json(cli("hearing", "list", "--within", "30", "-f", "json"))
    assert (row["starts_at"], row["room"]) == ("2026-12-01T10:00:00", "3")
    assert uid in cli("hearing", "list", "--within", "30", "-f", "ics").stdout  # the same event, moved
    assert as_json(cli("hearing", "brief", case, "-f", "json"))["proposal"] == "plan van 100"
    ok(cli("hearing", "edit", case, "--proposal", "plan van 120"))
    assert as_json(cli("hearing", "brief", case, "-f", "json"))["proposal"] == "plan van 120"
    details = [e["detail"] for e in history(cli, case)]
    assert "hearing 1 corrected: date, room, proposal" in details and "plan van" not in json.dumps(details)
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", "edit", case, "--proposal", "plan van 120"), code=2, contains="nothing")
    assert_one_line_error(cli("hearing", "edit", case, "--date", "01/12/2026"), code=2, contains="time")
    assert_one_line_error(cli("hearing", "edit", case, "--petition-date", "02/12/2026"), code=2)
    assert_one_line_error(cli("hearing", "edit", case, "--date", "02/01/2025 09:00"), code=2, contains="year")
    assert_one_line_error(cli("hearing", "edit", case), code=2, contains="give what to correct")
    assert_one_line_error(cli("hearing", "remove", case, "--reason", ""), code=2, contains="--reason")
    assert snapshot(db_path) == before
    ok(cli("hearing", "outcome", case, "--result", "withdrawn"))  # before its day: the petition was withdrawn
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", "edit", case, "--proposal", "te laat"), code=4, contains="outcome")
    assert_one_line_error(cli("hearing", "remove", case, "--reason", "x"), code=4, contains="outcome")
    assert snapshot(db_path) == before


def test_withdrawn_or_postponed_before_the_day_others_refused(cli, case, db_path):
    hearing(cli, case, "10/12/2026 09:00")
    before = snapshot(db_path)
    for result in ("settled", "plan-imposed", "other"):
        assert_one_line_error(cli("hearing", "outcome", case, "--result", result), code=4, contains="still to come")
    assert_one_line_error(cli("hearing", "outcome", case, "--result", "dissolved", "--eviction-date", "01/02/2027"),
                          code=4, contains="withdrawn or postponed")
    assert snapshot(db_path) == before
    ok(cli("hearing", "outcome", case, "--result", "postponed", "--new-date", "14/01/2027 09:00"))
    rows = as_json(cli("hearing", "list", "--within", "90", "-f", "json"))
    assert [(r["starts_at"], r["result"]) for r in rows] == [("2026-12-10T09:00:00", "postponed"),
                                                            ("2027-01-14T09:00:00", None)]
    assert_one_line_error(cli("hearing", "outcome", case, "--result", "postponed", "--new-date", "10/12/2026 09:00"),
                          code=2, contains="after the postponed")
    ok(cli("hearing", "outcome", case, "--result", "withdrawn"))
    assert "hearing-due" not in rules_of(cli)
    assert figures(cli, "2027-01")[("hearings", "result=withdrawn")] == 1


# --- stays ---------------------------------------------------------------------------------

def test_an_admission_entered_by_mistake_is_undone(cli, case, db_path):
    ok(cli("transfer", "dwelling", "add", "CR-1", "--kind", "crisis"))
    ok(cli("transfer", "in", case, "--dwelling", "CR-1", "--date", "10/11/2026"))
    assert as_json(cli("case", "show", case, "-f", "json"))["track"] == "crisis"
    assert figures(cli)[("crisis_admissions", "")] == 1
    assert "stay-ending" in rules_of(cli, "--within", "200")
    ok(cli("transfer", "undo", case, "--reason", "wrong household"))
    shown = as_json(cli("case", "show", case, "-f", "json"))
    assert shown["track"] == "pw" and [t["track"] for t in shown["tracks"]] == ["pw"]
    assert "pw-consent-missing" not in rules_of(cli) and "stay-ending" not in rules_of(cli, "--within", "200")
    assert figures(cli)[("crisis_admissions", "")] == 0
    assert figures(cli)[("open_cases", "track=pw")] == 1 and figures(cli)[("dwellings_occupied", "")] == 0
    [row] = as_json(cli("transfer", "list", "-f", "json"))
    assert row["free"] is True
    ok(cli("transfer", "in", case, "--dwelling", "CR-1", "--date", "12/11/2026"))  # the dwelling is free again
    details = [e["detail"] for e in history(cli, case)]
    assert details.index("stay 1 (admission on 2026-11-10) removed; reason: wrong household") + 1 == \
        details.index("track crisis → pw: the admission's track change withdrawn")
    before = snapshot(db_path)
    assert_one_line_error(cli("transfer", "undo", case, "--reason", ""), code=2, contains="--reason")
    assert snapshot(db_path) == before


def test_a_move_out_and_an_extension_entered_by_mistake_are_undone_step_by_step(cli, case, new_case, db_path):
    ok(cli("transfer", "dwelling", "add", "CR-1", "--kind", "crisis"))
    ok(cli("transfer", "in", case, "--dwelling", "CR-1", "--date", "02/10/2026"))
    ok(cli("transfer", "extend", case))  # by mistake: the one extension a crisis stay has
    ok(cli("transfer", "out", case, "--destination", "regular-market", "--date", "10/11/2026", "--keep-open"))
    assert figures(cli)[("regular_market_moves", "")] == 1
    assert as_json(cli("transfer", "list", "-f", "json"))[0]["free"] is True
    ok(cli("transfer", "undo", case, "--reason", "the household has not left"))
    assert figures(cli)[("regular_market_moves", "")] == 0
    [row] = as_json(cli("transfer", "list", "-f", "json"))
    assert (row["case"], row["until"], row["extensions"]) == (case, "2027-06-02", 1)
    ok(cli("transfer", "undo", case, "--reason", "extended on the wrong case"))
    [row] = as_json(cli("transfer", "list", "-f", "json"))
    assert (row["case"], row["until"], row["extensions"]) == (case, "2027-02-02", 0)
    assert "stay-ending" in rules_of(cli, "--within", "90")  # 02/02/2027 is 72 days away
    ok(cli("transfer", "extend", case))  # the extension is the household's again, when it is really needed
    assert as_json(cli("transfer", "list", "-f", "json"))[0]["until"] == "2027-06-02"
    details = [e["detail"] for e in history(cli, case)]
    assert "stay 1: move out on 2026-11-10 to regular-market removed; reason: the household has not left" in details
    assert "stay 1: extension removed, end 2027-02-02; reason: extended on the wrong case" in details
    # a move out that another household's admission followed stays
    ok(cli("transfer", "out", case, "--destination", "family", "--date", "12/11/2026", "--keep-open"))
    other = new_case("--tenant", "Ander", "--address", "Elders 2", "--date", "01/11/2026")
    ok(cli("transfer", "in", other, "--dwelling", "CR-1", "--date", "13/11/2026"))
    before = snapshot(db_path)
    assert_one_line_error(cli("transfer", "undo", case, "--reason", "x"), code=4, contains="another household")
    assert snapshot(db_path) == before


def test_undo_without_a_stay_is_refused(cli, case, db_path):
    before = snapshot(db_path)
    assert_one_line_error(cli("transfer", "undo", case, "--reason", "x"), code=4, contains="nothing to undo")
    assert snapshot(db_path) == before


# --- referrals -----------------------------------------------------------------------------

def test_referrals_are_followed_up_and_withdrawn(cli, case, new_case, db_path):
    other = new_case("--tenant", "Ander", "--address", "Elders 2")
    ok(cli("refer", case, "--to", "caw-prevention", "--date", "05/10/2026", "--note", "schuldhulp"))
    ok(cli("refer", "add", case, "--to", "ocmw", "--date", "20/11/2026"))
    ok(cli("refer", other, "--to", "cgg", "--date", "22/11/2026"))
    listed = as_json(cli("refer", "list", case, "-f", "json"))
    assert [(r["id"], r["to"], r["outcome"]) for r in listed] == [(1, "caw-prevention", None), (2, "ocmw", None)]
    assert [r["id"] for r in as_json(cli("refer", "list", "-f", "json"))] == [1, 2, 3]
    warnings = as_json(cli("deadlines", "-f", "json", "--within", "0"))
    assert [(w["rule"], w["message"]) for w in warnings if w["rule"] == "referral-unconfirmed"] == [
        ("referral-unconfirmed", "referral 1 not confirmed; sent to caw-prevention")]
    assert figures(cli, "2026-10")[("referral_outcomes", "outcome=pending")] == 1
    ok(cli("refer", "outcome", case, "1", "--result", "accepted", "--date", "01/11/2026"))
    ok(cli("refer", "outcome", case, "2", "--result", "no-answer"))
    assert "referral-unconfirmed" not in rules_of(cli, "--within", "0")
    assert figures(cli, "2026-10")[("referral_outcomes", "outcome=accepted")] == 1
    assert figures(cli)[("referral_outcomes", "outcome=no-answer")] == 1
    assert [r["id"] for r in as_json(cli("refer", "list", "-f", "json"))] == [3]
    assert as_json(cli("case", "show", case, "-f", "json"))["referrals"][0]["outcome"] == "accepted"
    before_figures = figures(cli)
    assert before_figures[("referrals", "")] == 2 and before_figures[("households_referred", "")] == 2
    ok(cli("refer", "remove", case, "2", "--reason", "entered twice"))
    after = figures(cli)
    assert (after[("referrals", "")], after[("households_referred", "")]) == (1, 1)
    assert after[("referral_outcomes", "outcome=no-answer")] == 0
    assert [r["id"] for r in as_json(cli("refer", "list", case, "-f", "json"))] == [1]
    assert as_json(cli("hearing", "list", "-f", "json")) == []
    before = snapshot(db_path)
    for args, code in ((["refer", "outcome", case, "3", "--result", "accepted"], 3),
                       (["refer", "outcome", case, "2", "--result", "accepted"], 3),
                       (["refer", "outcome", case, "1", "--result", "maybe"], 2),
                       (["refer", "outcome", case, "1", "--result", "accepted", "--date", "01/10/2026"], 2),
                       (["refer", "outcome", case, "1", "--result", "accepted", "--date", "01/11/2026"], 2),
                       (["refer", "remove", case, "3", "--reason", "x"], 3),
                       (["refer", "remove", case, "1", "--reason", " "], 2)):
        assert_one_line_error(cli(*args), code=code)
    assert snapshot(db_path) == before
    details = [e["detail"] for e in history(cli, case)]
    assert "referral 2 (to ocmw, 2026-11-20) removed; reason: entered twice" in details
    assert "schuldhulp" not in json.dumps(details)


def test_an_outcome_recorded_by_mistake_is_withdrawn_or_replaced(cli, case, db_path):
    hearing(cli, case, "20/11/2026 09:30")
    uid = cli("hearing", "list", "--date", "20/11/2026", "-f", "ics").stdout.split("UID:")[1].split()[0]
    ok(cli("hearing", "outcome", case, "--result", "dissolved", "--eviction-date", "01/02/2027"))
    assert "eviction-date" in rules_of(cli, "--within", "90")
    assert figures(cli)[("hearings", "result=dissolved")] == 1
    # it was a payment plan the judge imposed: one command puts it right
    ok(cli("hearing", "outcome", case, "--result", "plan-imposed", "--correct"))
    assert "eviction-date" not in rules_of(cli, "--within", "90")
    got = figures(cli)
    assert (got[("hearings", "result=dissolved")], got[("hearings", "result=plan-imposed")]) == (0, 1)
    [row] = as_json(cli("hearing", "list", "--date", "20/11/2026", "-f", "json"))
    assert row["result"] == "plan-imposed"
    # a postponement entered on the wrong case: withdrawn with the new hearing it set
    ok(cli("hearing", "outcome", case, "--result", "postponed", "--new-date", "15/12/2026 09:00", "--correct"))
    assert len(as_json(cli("hearing", "list", "--within", "60", "-f", "json"))) == 1  # 15/12; 20/11 has passed
    ok(cli("hearing", "outcome-remove", case, "--reason", "the court never postponed it"))
    assert as_json(cli("hearing", "list", "--within", "60", "-f", "json")) == []
    [row] = as_json(cli("hearing", "list", "--date", "20/11/2026", "-f", "json"))
    assert row["result"] is None and "hearing-due" in rules_of(cli)
    assert figures(cli)[("hearings", "result=pending")] == 1 and figures(cli, "2026-12")[("hearings", "")] == 0
    ics = cli("hearing", "list", "--date", "20/11/2026", "-f", "ics").stdout
    assert uid in ics and "STATUS:CONFIRMED" in ics  # the same event, no longer struck out
    details = [e["detail"] for e in history(cli, case)]
    assert "hearing 1: outcome dissolved removed; reason: replaced by the outcome recorded next" in details
    assert "hearing 1: outcome postponed removed; reason: the court never postponed it" in details
    assert "hearing 2 (2026-12-15 09:00), set by the postponement removed; reason: the court never postponed it" \
        in details
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", "outcome-remove", case, "--reason", "x"), code=4, contains="no hearing")
    assert_one_line_error(cli("hearing", "outcome-remove", case, "--reason", " "), code=2, contains="--reason")
    assert_one_line_error(cli("hearing", "outcome", case, "--result", "settled", "--correct"), code=4,
                          contains="no hearing")
    assert snapshot(db_path) == before
    ok(cli("hearing", "outcome", case, "--result", "settled"))
    ok(cli("case", "close", case, "--outcome", "eviction-prevented"))
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", "outcome-remove", case, "--reason", "x"), code=4, contains="reopen")
    assert snapshot(db_path) == before


def test_a_hearing_withdrawn_from_the_wrong_case_takes_its_move_to_ogp_with_it(cli, db_path):
    """A hearing recorded on a PW case moved it to OGP; withdrawn, the case is back on PW with PW's warnings,
    and the history says so in the reader's language."""
    number = cli("intake", "--track", "pw", "--tenant", "Marie Dubois", "--source", "tenant", "--tenant-informed",
                 "--landlord", "Woonpunt", "--landlord-type", "shm", "--no-input").stdout.strip()
    before = json.loads(cli("case", "show", number, "-f", "json").stdout)
    assert cli("hearing", "add", number, "--date", "10/12/2026 09:30", "--court", "Vredegerecht Gent",
               "--force").exit_code == 0
    assert json.loads(cli("case", "show", number, "-f", "json").stdout)["track"] == "ogp"
    removed = cli("hearing", "remove", number, "--reason", "verkeerd dossier", env={"HUURBEG_LANG": "nl"})
    assert removed.exit_code == 0, removed.output
    assert "terug op traject PW" in removed.stderr
    after = json.loads(cli("case", "show", number, "-f", "json").stdout)
    assert after["track"] == "pw"
    assert [w["rule"] for w in after["warnings"]] == [w["rule"] for w in before["warnings"]]
    history = cli("case", "history", number, env={"HUURBEG_LANG": "nl", "COLUMNS": "200"}).stdout
    assert "verplaatsing van zitting 1 mee ingetrokken" in history


def test_a_hearing_withdrawn_from_a_case_that_was_on_ogp_leaves_its_track(cli):
    number = cli("intake", "--track", "ogp", "--tenant", "Jan", "--source", "court", "--no-input").stdout.strip()
    assert cli("hearing", "add", number, "--date", "10/12/2026 09:30", "--court", "Vredegerecht Gent",
               "--force").exit_code == 0
    removed = cli("hearing", "remove", number, "--reason", "dubbel")
    assert removed.exit_code == 0 and "back on track" not in removed.stderr
    assert json.loads(cli("case", "show", number, "-f", "json").stdout)["track"] == "ogp"

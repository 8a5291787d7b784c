class Tally:
    """One line per check or case, `<prefix>: <id> PASS|FAIL|SKIP <detail>`, and the closing tally line
    `<prefix>: N passed, N failed, N skipped` that the drivers (run-interop.sh, run-other-languages.sh) sum."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}

    def report(self, check_id, outcome, detail):
        self.counts[outcome] += 1
        print(f"{self.prefix}: {check_id} {outcome} {detail}", flush=True)

    def failed(self):
        return self.counts["FAIL"]

    def close(self):
        """Prints the tally line; the exit status of the run: 1 on any failure."""
        print(self.line(), flush=True)
        return 1 if self.failed() else 0

    def line(self):
        return f"{self.prefix}: {self.counts['PASS']} passed, {self.counts['FAIL']} failed, {self.counts['SKIP']} skipped"

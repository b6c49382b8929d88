import sys


class Progress:
    """A one-line progress bar for long CLI work (stderr, so output stays clean)."""

    def __init__(self, total: int, label: str, stream=None, width: int = 30):
        self.total, self.label, self.width = max(total, 1), label, width
        self.stream, self.done = stream or sys.stderr, 0

    def step(self, n: int = 1) -> None:
        before = 100 * self.done // self.total
        self.done += n
        if 100 * self.done // self.total == before and self.done < self.total:
            return  # redraw once per percent: a small log, a steady bar
        filled = int(self.width * self.done / self.total)
        bar = "█" * filled + "·" * (self.width - filled)
        self.stream.write(f"\r{self.label:<22} {bar} {self.done}/{self.total}")
        if self.done >= self.total:
            self.stream.write("\n")
        self.stream.flush()

"""A progress bar on a terminal, silence elsewhere."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def generation_progress(users: int) -> Iterator[Callable[[int, int], None]]:
    console = Console(stderr=True)
    with Progress(
        TextColumn(f"generating {users:,} users"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("blocks"),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=True,
    ) as progress:
        task = progress.add_task("generate", total=None)

        def on_block(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield on_block

"""The `thelook` command."""

import argparse
import sys
from datetime import date
from pathlib import Path

DEFAULT_SOURCE = Path("data/thelook.duckdb")
DEFAULT_USERS = 100_000
DEFAULT_SEED = 42


class _Parser(argparse.ArgumentParser):
    """Bad arguments end in one line that says what is wrong, not a usage dump."""

    def error(self, message: str) -> None:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {value}")
    return value


def _as_of(text: str) -> date:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None
    if value <= date(2019, 1, 1):
        raise argparse.ArgumentTypeError(
            f"must be after 2019-01-01, when the shop opened, got {text}"
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="thelook", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    generate = commands.add_parser(
        "generate", help="write a local theLook eCommerce dataset into a DuckDB file"
    )
    generate.add_argument(
        "--users",
        type=_positive_int,
        default=DEFAULT_USERS,
        help=f"registered users to generate (default {DEFAULT_USERS:,})",
    )
    generate.add_argument(
        "--seed",
        type=_seed,
        default=DEFAULT_SEED,
        help=f"random seed; the same seed and as-of give the same rows (default {DEFAULT_SEED})",
    )
    generate.add_argument(
        "--as-of",
        type=_as_of,
        default=date.today(),
        help="the day the snapshot is taken, YYYY-MM-DD (default today)",
    )
    generate.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_SOURCE,
        help=f"DuckDB file to write (default {DEFAULT_SOURCE})",
    )
    generate.add_argument(
        "--browsing",
        action="store_true",
        help="plant browsing, affinity and engagement effects the live data lacks "
        "(see thelook/source/browsing.py)",
    )
    review = commands.add_parser(
        "review", help="print a Markdown review of what an environment changes against prod"
    )
    review.add_argument("environment", help="the environment to review, e.g. dev or pr_42")
    review.add_argument("--against", default="prod", help="the environment to compare with")
    review.add_argument("--gateway", help="SQLMesh gateway (default: the project's default)")
    review.add_argument("--paths", type=Path, default=Path("."), help="the SQLMesh project")
    check = commands.add_parser(
        "check", help="check that a gateway's source, credentials and state are reachable"
    )
    check.add_argument("--gateway", help="SQLMesh gateway (default: the project's default)")
    check.add_argument("--paths", type=Path, default=Path("."), help="the SQLMesh project")
    dashboard = commands.add_parser(
        "dashboard", help="serve the dashboard of the marts and the model catalogue"
    )
    dashboard.add_argument(
        "--env", default="prod", help="the environment to show, e.g. dev (default prod)"
    )
    dashboard.add_argument(
        "--port", type=_positive_int, default=8501, help="local port to serve on (default 8501)"
    )
    dashboard.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1, this machine only); another address "
        "serves the network: require a login then (docs/operations.md)",
    )
    dashboard.add_argument("--gateway", help="SQLMesh gateway (default: the project's default)")
    bigquery_check = commands.add_parser(
        "bigquery-check",
        help="analyse every statement the project sends to BigQuery with ZetaSQL, offline",
    )
    bigquery_check.add_argument("--paths", type=Path, default=Path("."), help="the SQLMesh project")
    campaign = commands.add_parser("campaign", help="hand a campaign's list to whoever sends it")
    campaign_commands = campaign.add_subparsers(
        dest="campaign_command", required=True, parser_class=_Parser
    )
    export = campaign_commands.add_parser(
        "export", help="write a campaign's customers as CSV: user id, group and offer"
    )
    export.add_argument("name", help="the campaign: its file's name in campaigns/")
    export.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    export.add_argument("--env", default="prod", help="the environment to read (default prod)")
    export.add_argument("--gateway", help="SQLMesh gateway (default: the project's default)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "generate":
        return _generate(args)
    if args.command == "check":
        return _check(args)
    if args.command == "dashboard":
        return _dashboard(args)
    if args.command == "bigquery-check":
        return _bigquery_check(args)
    if args.command == "campaign":
        return _export_campaign(args)
    return _review(args)


def _generate(args: argparse.Namespace) -> int:
    import duckdb

    from thelook.source.generate import generate
    from thelook.source.progress import generation_progress

    out: Path = args.out
    if out.is_dir():
        return _fail(
            f"--out {out} is a directory; give a file path such as {out / 'thelook.duckdb'}"
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with generation_progress(args.users) as on_block:
            generate(out, args.users, args.seed, args.as_of, on_block, browsing=args.browsing)
    except OSError as error:
        return _fail(f"cannot write {out}: {error.strerror or error}; choose a writable --out path")
    except duckdb.Error as error:  # DuckDB reports a full disk or a locked file as its own error
        reason = str(error).strip().splitlines()[0]
        return _fail(
            f"cannot write {out}: {reason}; free some space or choose another --out path "
            "(the previous file, if any, is unchanged)"
        )
    mode = " with planted browsing" if args.browsing else ""
    print(f"wrote {args.users:,} users as of {args.as_of}{mode} to {out}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from thelook.preflight import PreflightError, check

    try:
        gateway = check(args.paths, args.gateway)
    except PreflightError as error:
        return _fail(str(error), command="check")
    print(f"gateway {gateway}: ready")
    return 0


def _review(args: argparse.Namespace) -> int:
    import logging

    from sqlmesh import Context
    from sqlmesh.utils.errors import SQLMeshError

    from thelook.preflight import PreflightError, check
    from thelook.review import UnknownEnvironment, review

    # table_diff logs each statement it runs at the level its caller logs at; the report alone
    # is the output here.
    logging.getLogger("sqlmesh.core.engine_adapter").setLevel(logging.CRITICAL)
    try:
        gateway = check(args.paths, args.gateway)
        context = Context(paths=args.paths, gateway=gateway)
        print(review(context, args.environment, args.against))
    except (PreflightError, UnknownEnvironment, SQLMeshError) as error:
        return _fail(str(error).strip().splitlines()[0], command="review")
    return 0


def _dashboard(args: argparse.Namespace) -> int:
    import os

    from thelook.app import data
    from thelook.app.server import is_loopback, streamlit_command

    os.environ[data.ENVIRONMENT] = args.env
    if args.gateway:
        os.environ[data.GATEWAY] = args.gateway
    try:
        data.source()
    except data.DashboardError as error:
        return _fail(str(error), command="dashboard")
    if not is_loopback(args.host):
        print(
            f"thelook dashboard: warning: listening on {args.host}, reachable from the network; "
            "require a login (docs/operations.md)",
            file=sys.stderr,
            flush=True,
        )
    print(
        f"Serving the dashboard of '{args.env}' on http://{args.host}:{args.port} (Ctrl-C stops)",
        flush=True,
    )
    # Streamlit takes this process's place, so a signal that stops `thelook dashboard` (Ctrl-C,
    # or a supervisor's SIGTERM) reaches the server itself and leaves nothing running.
    command = streamlit_command(args.host, args.port)
    os.execv(command[0], command)


def _bigquery_check(args: argparse.Namespace) -> int:
    from sqlmesh.utils.errors import SQLMeshError

    from thelook.bigquery.check import check_project
    from thelook.preflight import PreflightError

    if not (args.paths / "config.yaml").is_file():
        return _fail(f"{args.paths} holds no SQLMesh project (no config.yaml)", "bigquery-check")
    try:
        report = check_project(args.paths, cache=args.paths / ".cache" / "zetasql")
    except (PreflightError, SQLMeshError) as error:
        return _fail(str(error).strip().splitlines()[0], "bigquery-check")
    for failure in report.failures:
        print(f"FAIL {failure}")
    verdict = f"{len(report.failures)} failed" if report.failures else "all pass"
    print(f"{report.checked} BigQuery statements analysed by ZetaSQL: {verdict}")
    return 1 if report.failures else 0


def _export_campaign(args: argparse.Namespace) -> int:
    import os

    from thelook.app import data

    os.environ[data.ENVIRONMENT] = args.env
    if args.gateway:
        os.environ[data.GATEWAY] = args.gateway
    try:
        customers = data.campaign_list(args.name)
        if customers.empty:
            known = ", ".join(data.campaign_names()) or "none"
            return _fail(
                f"no customers of a campaign named '{args.name}' in '{args.env}' (campaigns "
                f"with customers: {known}); add campaigns/{args.name}.yaml and run `make run`",
                "campaign export",
            )
        args.out.parent.mkdir(parents=True, exist_ok=True)
        customers.to_csv(args.out, index=False)
    except data.DashboardError as error:
        return _fail(str(error), "campaign export")
    except OSError as error:
        return _fail(f"cannot write {args.out}: {error.strerror or error}", "campaign export")
    groups = customers["assigned_group"].value_counts()
    print(
        f"wrote {len(customers):,} customers of {args.name} ({groups.get('treatment', 0):,} "
        f"treatment, {groups.get('holdout', 0):,} holdout: send the offer to the treatment "
        f"only) to {args.out}"
    )
    return 0


def _fail(message: str, command: str = "generate") -> int:
    print(f"thelook {command}: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

"""The command line around typer: options before a subcommand, and usage errors as one
line in the user's language.

``golocheck --lang en rules`` means ``golocheck rules --lang en``: options given before
the subcommand are moved after it (so the subcommand must accept them), and
``golocheck FILE...`` is short for ``golocheck check FILE...``. A usage error (an unknown
option, a missing argument, a bad value) is ``golocheck: error: ...`` on one line, exit
code 2, in Chinese unless ``--lang en`` was given — not click's multi-line box.
"""

from __future__ import annotations

from typing import Sequence

try:  # typer >= 0.28 carries its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer depends on click
    from click import exceptions as click_exceptions

UsageError = click_exceptions.UsageError
TOP_LEVEL = ("-h", "--help", "-V", "--version")


def _split_option(arg: str) -> tuple[str, bool]:
    """The option's name, and whether its value is attached (--lang=en, -j2)."""
    if arg.startswith("--"):
        return arg.partition("=")[0], "=" in arg
    return arg[:2], len(arg) > 2


def _option(command, name: str):
    for param in command.params:
        if param.param_type_name == "option" and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def arrange(args: Sequence[str], group) -> list[str]:
    """``[OPTIONS] [COMMAND] ARGS`` -> ``COMMAND OPTIONS ARGS`` for typer's group ``group``.

    The leading options are recognised by the check command's options (the widest set),
    so that an option's value is never taken for a command name or a file."""
    args = list(args)
    if not args or args[0] in TOP_LEVEL:
        return args
    check = group.commands["check"]
    position = 0
    while position < len(args):
        arg = args[position]
        if arg in ("-", "--") or not arg.startswith("-"):
            break
        name, attached = _split_option(arg)
        option = _option(check, name)
        if option is None:
            break  # unknown: let the check command report it
        position += 1 if option.is_flag or option.count or attached else 2
    rest = args[position:]
    if rest and rest[0] in group.commands:
        return [rest[0], *args[:position], *rest[1:]]
    return ["check", *args]


def language(args: Sequence[str]) -> str:
    """The --lang the user gave (even when the command line did not parse), else zh."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return "en" if args[index + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg == "--lang=en" else "zh"
    return "zh"


def _hint(exc) -> str:
    param = getattr(exc, "param", None)
    if getattr(exc, "param_hint", None):
        hint = exc.param_hint
        return " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint)
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return param.make_metavar(exc.ctx) if _takes_ctx(param) else param.make_metavar()
    return " / ".join(param.opts)


def _takes_ctx(param) -> bool:
    import inspect

    return "ctx" in inspect.signature(param.make_metavar).parameters


def message(exc: Exception, lang: str) -> str:
    """One line for a click usage error, in ``lang``."""
    zh = lang != "en"
    text = " ".join(str(getattr(exc, "message", exc)).split())
    if isinstance(exc, click_exceptions.NoSuchOption):
        maybe = sorted(exc.possibilities or ())
        if zh:
            return f"没有这个选项：{exc.option_name}" + (f"（是否要用 {'、'.join(maybe)}？）" if maybe else "")
        return f"no such option: {exc.option_name}" + (f" (did you mean {', '.join(maybe)}?)" if maybe else "")
    if isinstance(exc, click_exceptions.MissingParameter):
        hint = _hint(exc)
        return f"缺少参数 {hint}" if zh else f"missing {exc.param_type or (exc.param.param_type_name if exc.param else 'parameter')} {hint}"
    if isinstance(exc, click_exceptions.BadParameter):
        hint = _hint(exc)
        choices = getattr(getattr(exc.param, "type", None), "choices", None)
        if zh:
            if choices:
                return f"{hint} 的值无效：只能是 {'、'.join(str(getattr(c, 'value', c)) for c in choices)}"
            low = getattr(getattr(exc.param, "type", None), "min", None)
            if low is not None:
                return f"{hint} 的值无效：不能小于 {low}"
            return f"{hint} 的值无效：{text}"
        return f"invalid value for {hint}: {text}"
    if isinstance(exc, click_exceptions.BadOptionUsage):
        if "requires an argument" in text:
            return f"选项 {exc.option_name} 需要一个值" if zh else f"option {exc.option_name} requires a value"
        if "does not take a value" in text:
            return f"选项 {exc.option_name} 不接受值" if zh else f"option {exc.option_name} does not take a value"
    if "unexpected extra argument" in text and zh:
        import re

        extra = re.search(r"\(([^()]*)\)$", text)
        return "多余的参数：" + (extra.group(1) if extra else text)
    return f"用法错误：{text}" if zh else text[:1].lower() + text[1:]

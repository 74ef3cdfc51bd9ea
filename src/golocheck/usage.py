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
    """One line for a click usage error, in ``lang`` (the words: golocheck.i18n)."""
    from golocheck.i18n import word

    text = " ".join(str(getattr(exc, "message", exc)).split())
    sep = word(lang, "list_separator")
    if isinstance(exc, click_exceptions.NoSuchOption):
        maybe = sorted(exc.possibilities or ())
        return word(lang, "usage_no_option", option=exc.option_name) + (word(lang, "usage_did_you_mean", choices=sep.join(maybe)) if maybe else "")
    if isinstance(exc, click_exceptions.MissingParameter):
        what = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        return word(lang, "usage_missing", hint=_hint(exc), what=what)
    if isinstance(exc, click_exceptions.BadParameter):
        hint = _hint(exc)
        param_type = getattr(exc.param, "type", None)
        choices = getattr(param_type, "choices", None)
        if choices:
            return word(lang, "usage_invalid_choice", hint=hint, text=text, choices=sep.join(str(getattr(c, "value", c)) for c in choices))
        low = getattr(param_type, "min", None)
        if low is not None:
            return word(lang, "usage_invalid_min", hint=hint, text=text, low=low)
        return word(lang, "usage_invalid", hint=hint, text=text)
    if isinstance(exc, click_exceptions.BadOptionUsage):
        if "requires an argument" in text:
            return word(lang, "usage_needs_value", option=exc.option_name)
        if "does not take a value" in text:
            return word(lang, "usage_no_value", option=exc.option_name)
    if "unexpected extra argument" in text:
        import re

        extra = re.search(r"\(([^()]*)\)$", text)
        return word(lang, "usage_extra", text=text[:1].lower() + text[1:], extra=extra.group(1) if extra else text)
    return word(lang, "usage_other", text=text[:1].lower() + text[1:] if lang == "en" else text)

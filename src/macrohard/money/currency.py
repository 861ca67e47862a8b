"""Currencies and amounts: ISO 4217 codes with their minor-unit exponent; amounts are integer minor units."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from macrohard.errors import UserError

# ISO 4217 codes and how many decimals their minor unit has (the common ones; add more as needed).
EXPONENTS: dict[str, int] = {
    "USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "CAD": 2, "AUD": 2, "NZD": 2, "SEK": 2, "NOK": 2, "DKK": 2,
    "PLN": 2, "CZK": 2, "HUF": 2, "CNY": 2, "HKD": 2, "SGD": 2, "INR": 2, "BRL": 2, "MXN": 2, "ZAR": 2,
    "TRY": 2, "ILS": 2, "AED": 2, "SAR": 2, "JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "VND": 0, "BHD": 3,
    "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3,
}


# The most one payment moves, and the most one account may hold or owe, in minor units (rel48): SQLite's integers
# end at 2**63 - 1, and a balance or a sum past it turned into a float (cents lost) or "integer overflow" (before:
# `money fund` of 92233720368547758.07 USD twice left a balance no check could read, and an amount of 1e400 was an
# OverflowError traceback). 10**13 minor units is 100 billion USD; 10**15, ten trillion.
MAX_MINOR = 10**13
MAX_BALANCE = 10**15


class MoneyError(UserError):
    """A payment or ledger operation that cannot be done as asked; the message says how to fix it."""


class CurrencyError(MoneyError):
    """An unknown currency, or one that does not match the account's."""


class AmountError(MoneyError):
    """An amount that is not a positive number of the currency's minor units."""


def check_currency(code: str) -> str:
    """``code`` as an upper-case ISO 4217 code we know, or a ``CurrencyError`` naming the known ones."""
    upper = str(code).strip().upper()
    if upper not in EXPONENTS:
        raise CurrencyError(f"unknown currency {code!r}: use an ISO 4217 code such as "
                            f"{', '.join(sorted(EXPONENTS)[:8])} ({len(EXPONENTS)} are known)")
    return upper


def to_minor(amount: Decimal | str | int | float, currency: str) -> int:
    """``amount`` in major units (12.50) as integer minor units (1250); refuses <= 0 and sub-minor fractions."""
    exp = EXPONENTS[check_currency(currency)]
    try:
        value = Decimal(str(amount))
    except InvalidOperation as exc:
        raise AmountError(f"amount {amount!r} is not a number; write it like 12.50") from exc
    if not value.is_finite() or value <= 0:
        raise AmountError(f"amount must be positive, not {amount}; to move money back, transfer the other way")
    if value.adjusted() > 40:  # (compared before it is scaled: 1e999999999 would not fit a Decimal's context)
        raise _too_large(amount, currency)
    minor = value.scaleb(exp)
    if minor != minor.to_integral_value():
        raise AmountError(f"{amount} {currency} has more than {exp} decimal(s); {currency}'s smallest unit is "
                          f"{Decimal(1).scaleb(-exp)}")
    if minor > MAX_MINOR:
        raise _too_large(amount, currency)
    return int(minor)


def _too_large(amount: object, currency: str) -> AmountError:
    return AmountError(f"amount {amount} {currency} is more than one payment of this ledger moves "
                       f"({fmt(MAX_MINOR, currency)}); split it into smaller payments")


def check_minor(amount: int) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise AmountError(f"amounts are integers of minor units (cents), not {type(amount).__name__} {amount!r}")
    if amount <= 0:
        raise AmountError(f"amount must be positive, not {amount}; to move money back, transfer the other way")
    if amount > MAX_MINOR:
        raise AmountError(f"amount {amount} minor units is more than one payment of this ledger moves ({MAX_MINOR}); "
                          "split it into smaller payments")
    return amount


def fmt(minor: int, currency: str) -> str:
    """1250, USD -> '12.50 USD'."""
    exp = EXPONENTS.get(currency, 2)
    sign = "-" if minor < 0 else ""
    text = str(Decimal(abs(minor)).scaleb(-exp).quantize(Decimal(1).scaleb(-exp))) if exp else str(abs(minor))
    return f"{sign}{text} {currency}"

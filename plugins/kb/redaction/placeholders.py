"""The placeholders that replace redacted values, and how to recognise one already in
a text (so that redacting a redacted text changes nothing)."""

from __future__ import annotations

import re

CARD = "[card ****{last4}]"
CLABE = "[CLABE {bank}***]"
IBAN = "[IBAN {country}**]"
PHONE = "[phone]"
PHONE_INTERNATIONAL = "[phone +{country}]"
ACCOUNT = "[account]"
CVV = "[CVV]"
EXPIRY = "[expiry]"
PIN = "[PIN]"
EMAIL = "[email]"
IP = "[IP]"
WALLET = "[wallet]"
CURP = "[CURP]"
RFC = "[RFC]"
API_KEY = "[API key]"
TOKEN = "[token]"
SECRET = "[secret]"
ADDRESS = "[address]"
NAME = "[name]"
ELECTOR = "[INE]"
NSS = "[NSS]"
PASSPORT = "[passport]"
SSN = "[SSN]"
BIRTH_DATE = "[birth date]"

EXISTING = re.compile(
    r"\[(?:card \*{4}\d{4}|CLABE \d{3}\*{3}|IBAN [A-Z]{2}\*\*|phone(?: \+\d{1,3})?|account|CVV|expiry|PIN|email|IP|"
    r"wallet|CURP|RFC|API key|token|secret|address|name|INE|NSS|passport|SSN|birth date)\]")

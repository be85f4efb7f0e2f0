"""Guide URLs under the language prefix (/zh-hans/…, /en/…)."""

from django.urls import path  # noqa: F401

app_name = "guides"

urlpatterns = []

"""Reading URLs under the language prefix (/zh-hans/…, /en/…). Each feature adds its lines."""

from django.urls import path  # noqa: F401

app_name = "reading"

urlpatterns = []

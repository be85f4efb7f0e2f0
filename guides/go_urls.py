"""Counting redirects, outside the language prefix (the page cache only stores
language-prefixed pages, and a click is the same in both languages). The view beacon of every
kind is website/urls.py's `view_beacon`; `seen` is the guides' former address of it."""

from django.urls import path

from guides import views

app_name = "go"

urlpatterns = [
    path("catalogue/", views.catalogue_search, name="catalogue"),
    path("seen/<int:pk>.gif", views.seen, name="seen"),
    path("<slug:kind>/<int:pk>/", views.go, name="resource"),
]

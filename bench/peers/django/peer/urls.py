from django.urls import path

from . import views

urlpatterns = [path("api/downloads/<str:grant_id>", views.download)]

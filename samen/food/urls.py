from django.urls import path

from samen.food import views

urlpatterns = [
    path("ontvangst/", views.intake, name="food_intake"),
    path("ontvangst/niets/", views.pickup_empty, name="food_pickup_empty"),
    path("voorraad/", views.stock, name="food_stock"),
    path("lot/", views.lot_find, name="food_lot_find"),
    path("lot/<str:code>/", views.lot_detail, name="food_lot"),
    path("lot/<str:code>/etiket/", views.lot_label, name="food_lot_label"),
    path("lot/<str:code>/afboeken/", views.lot_write_off, name="food_lot_write_off"),
    path("lot/<str:code>/vrijgeven/", views.lot_release, name="food_lot_release"),
    path("lot/<str:code>/tellen/", views.lot_count, name="food_lot_count"),
    path("lot/<str:code>/verplaatsen/", views.lot_move, name="food_lot_move"),
    path("lot/<str:code>/traceren/", views.lot_trace, name="food_lot_trace"),
    path("terugroeping/", views.recall, name="food_recall"),
    path("terugroeping/verwittigen/", views.recall_notify, name="food_recall_notify"),
    path("cijfers/", views.food_dashboard, name="food_dashboard"),
    path("koudeketen/", views.cold_chain, name="food_cold_chain"),
    path("koudeketen/alarm/<int:pk>/", views.alert_resolve, name="food_alert_resolve"),
    path("koudeketen/haccp.pdf", views.haccp_register, name="food_haccp"),
    path("koudeketen/sensor/", views.sensor_register, name="food_sensor_register"),
    path("rooster/", views.roster, name="food_roster"),
    path("leerwerknemers/<int:pk>/", views.trainee_detail, name="food_trainee"),
    path("stamgegevens/<slug:kind>/", views.master_list, name="food_master_list"),
    path("stamgegevens/<slug:kind>/nieuw/", views.master_edit, name="food_master_create"),
    path("stamgegevens/<slug:kind>/<int:pk>/", views.master_edit, name="food_master_edit"),
    path("shop/beheer/", views.shop_admin, name="shop_admin"),
    path("shop/afsluiten/", views.shop_close, name="shop_close"),
    path("shop/", views.shop_order, name="shop_order"),
    path("shop/vast/", views.standing_order_save, name="standing_order_save"),
    path(
        "shop/vast/<int:pk>/schrappen/", views.standing_order_delete, name="standing_order_delete"
    ),
    path("routes/", views.route_plans, name="route_plans"),
    path("routes/<int:pk>/", views.route_plan, name="route_plan"),
    path("routes/<int:pk>/herplannen/", views.route_replan, name="route_replan"),
    path("routes/<int:pk>/ritbladen.pdf", views.route_sheets, name="route_sheets"),
    path("bestellingen/<int:pk>/picklijst/", views.order_pick_list, name="order_pick_list"),
    path("bestellingen/<int:pk>/gepickt/", views.order_pick, name="order_pick"),
    path("bestellingen/<int:pk>/bakken/", views.order_crate_labels, name="order_crate_labels"),
    path("bestellingen/<int:pk>/levering/", views.order_delivery, name="order_delivery"),
]

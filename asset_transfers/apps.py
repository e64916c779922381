from django.apps import AppConfig


class AssetTransfersConfig(AppConfig):
    name = "asset_transfers"
    verbose_name = "Community asset transfer"

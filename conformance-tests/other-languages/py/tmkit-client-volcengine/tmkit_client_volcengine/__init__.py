"""What the generated `tmkit_client` needs to call Volcengine: its request signature, as a hook in the
generated `ApiClient`, and a helper for the indexed tag parameters."""
from .api_client import SigningApiClient
from .signature import Credentials, VolcengineSigner
from .tags import tag_parameters

__all__ = ["Credentials", "SigningApiClient", "VolcengineSigner", "tag_parameters"]

//! SDK-HMAC-SHA256 request signing and verification, as the official Huawei Cloud SDK does it.

//! Wire-format helpers shared by every model: int64-as-string, protobuf
//! durations, and string enums that tolerate values from newer servers.

/// RFC 3339 timestamp in UTC, as the API sends it (`2024-09-16T00:00:00Z`).
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// Declares a wire enum: upper-case strings on the wire, an `Unknown` variant
/// that keeps any value this SDK version does not know, never a decode error.
///
/// ```
/// crdb_cloud::wire_enum! {
///     /// A colour.
///     pub enum Colour { Red = "RED", Green = "GREEN" }
/// }
/// let c: Colour = serde_json::from_str("\"BLUE\"").unwrap();
/// assert_eq!(c, Colour::Unknown("BLUE".into()));
/// assert_eq!(serde_json::to_string(&Colour::Red).unwrap(), "\"RED\"");
/// ```
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* #[doc = concat!("`", $wire, "`")] $variant, )+
            /// A value this version of the SDK does not know (kept verbatim).
            Unknown(::std::string::String),
        }

        impl $name {
            /// Every value this SDK version knows, in the spec's order.
            pub const KNOWN: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(other) => other.as_str(),
                }
            }

            /// Whether this is a value the SDK knows.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl ::std::default::Default for $name {
            /// An absent value decodes as `Unknown("")`, so a missing field
            /// from the server never fails a whole response.
            fn default() -> Self {
                $name::Unknown(::std::string::String::new())
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => $name::$variant, )+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok($name::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let raw = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                Ok($name::from(raw.as_ref()))
            }
        }
    };
}

/// `int64` fields travel as decimal strings (protobuf JSON). These helpers
/// write strings and read either strings or bare numbers.
pub mod int64 {
    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};
    use std::fmt;

    /// Reads a number or a decimal string, without buffering the value.
    struct Int64;

    impl Visitor<'_> for Int64 {
        type Value = i64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an int64 as a decimal string")
        }

        fn visit_i64<E: de::Error>(self, n: i64) -> Result<i64, E> {
            Ok(n)
        }

        fn visit_u64<E: de::Error>(self, n: u64) -> Result<i64, E> {
            i64::try_from(n).map_err(|_| E::custom(format!("{n} is out of range for an int64")))
        }

        fn visit_str<E: de::Error>(self, t: &str) -> Result<i64, E> {
            t.trim()
                .parse()
                .map_err(|_| E::custom(format!("expected an int64 as a decimal string, got {t:?}")))
        }
    }

    /// Serialize an `i64` as a decimal string.
    pub fn serialize<S: Serializer>(value: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }

    /// Deserialize an `i64` from a decimal string or a number.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        d.deserialize_any(Int64)
    }

    /// The same for `Option<i64>`; pair with `skip_serializing_if = "Option::is_none"`.
    pub mod option {
        use super::*;

        /// `null`, or what [`Int64`] reads.
        struct OptionalInt64;

        impl<'de> Visitor<'de> for OptionalInt64 {
            type Value = Option<i64>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an int64 as a decimal string, or null")
            }

            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(Int64).map(Some)
            }
        }

        /// Serialize `Some(n)` as a decimal string and `None` as null.
        pub fn serialize<S: Serializer>(value: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => s.collect_str(v),
                None => s.serialize_none(),
            }
        }

        /// Deserialize from a decimal string, a number or null.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
            d.deserialize_option(OptionalInt64)
        }
    }
}

/// Protobuf `Duration` strings such as `"21600s"` or `"1.5s"`.
pub mod duration {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};
    use std::time::Duration;

    /// Render a duration the way the API does: whole seconds, or seconds with
    /// up to nine fractional digits, followed by `s`.
    pub fn format(d: &Duration) -> String {
        if d.subsec_nanos() == 0 {
            format!("{}s", d.as_secs())
        } else {
            let frac = format!("{:09}", d.subsec_nanos());
            format!("{}.{}s", d.as_secs(), frac.trim_end_matches('0'))
        }
    }

    /// Parse `"<seconds>[.<fraction>]s"`; negative durations are rejected.
    pub fn parse(text: &str) -> Result<Duration, String> {
        let bad = || format!("expected a duration like \"21600s\", got {text:?}");
        let body = text.strip_suffix('s').ok_or_else(bad)?;
        let (secs, frac) = match body.split_once('.') {
            Some((s, f)) => (s, f),
            None => (body, ""),
        };
        if secs.is_empty() || !secs.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        if frac.len() > 9 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let secs: u64 = secs.parse().map_err(|_| bad())?;
        let nanos: u32 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<9}").parse().map_err(|_| bad())?
        };
        Ok(Duration::new(secs, nanos))
    }

    /// Serialize as a protobuf duration string.
    pub fn serialize<S: Serializer>(value: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(value))
    }

    /// Deserialize from a protobuf duration string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        parse(&text).map_err(D::Error::custom)
    }
}

/// RFC 3339 timestamps. The API writes one form, `2024-09-16T00:00:00Z` with
/// up to nine fractional digits; that form is read directly (a list of
/// clusters holds thousands of them), anything else goes through chrono as
/// before. Written by chrono.
pub mod timestamp {
    use super::Timestamp;
    use chrono::{NaiveDate, NaiveTime};
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};
    use std::borrow::Cow;

    /// Parse any RFC 3339 timestamp, as chrono's `FromStr` does.
    pub fn parse(text: &str) -> Result<Timestamp, chrono::ParseError> {
        match utc(text) {
            Some(t) => Ok(t),
            None => text.parse(),
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, or `None` for anything else.
    fn utc(text: &str) -> Option<Timestamp> {
        let (head, rest) = text.as_bytes().split_at_checked(19)?;
        let fraction = rest.strip_suffix(b"Z")?;
        if [head[4], head[7], head[10], head[13], head[16]] != *b"--T::" {
            return None;
        }
        let digits = |d: &[u8]| {
            d.iter().try_fold(0_u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        let nanos = match fraction {
            [] => 0,
            [b'.', f @ ..] if (1..=9).contains(&f.len()) => {
                digits(f)? * 10_u32.pow(9 - f.len() as u32)
            }
            _ => return None,
        };
        let date = NaiveDate::from_ymd_opt(
            i32::try_from(digits(&head[0..4])?).ok()?,
            digits(&head[5..7])?,
            digits(&head[8..10])?,
        )?;
        let time = NaiveTime::from_hms_nano_opt(
            digits(&head[11..13])?,
            digits(&head[14..16])?,
            digits(&head[17..19])?,
            nanos,
        )?;
        Some(date.and_time(time).and_utc())
    }

    /// Serialize as chrono does (RFC 3339, `Z`).
    pub fn serialize<S: Serializer>(value: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        value.serialize(s)
    }

    /// Deserialize from an RFC 3339 string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        let text = Cow::<str>::deserialize(d)?;
        parse(&text).map_err(D::Error::custom)
    }

    /// The same for `Option<Timestamp>`; pair with `skip_serializing_if = "Option::is_none"`.
    pub mod option {
        use super::*;

        /// Serialize `Some(t)` as RFC 3339 and `None` as null.
        pub fn serialize<S: Serializer>(
            value: &Option<Timestamp>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            value.serialize(s)
        }

        /// Deserialize from an RFC 3339 string or null.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
            match Option::<Cow<str>>::deserialize(d)? {
                None => Ok(None),
                Some(text) => parse(&text).map(Some).map_err(D::Error::custom),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Timestamp, timestamp};
    use serde::{Deserialize, Serialize};
    use std::time::Duration;

    #[test]
    fn timestamps_read_as_chrono_reads_them() {
        for text in [
            "2026-11-28T13:31:52.689645989Z",
            "2026-11-28T13:31:52Z",
            "2026-11-28T13:31:52.5Z",
            "2024-02-29T23:59:59.000000001Z",
            "1970-01-01T00:00:00Z",
            "2026-11-28T14:31:52+01:00",
            "2026-11-28 13:31:52Z",
            "2026-11-28t13:31:52z",
            "2016-12-31T23:59:60Z",
            "2026-11-28T13:31:52.1234567890Z",
        ] {
            let chrono: Result<Timestamp, _> = text.parse();
            assert!(chrono.is_ok(), "{text}");
            assert_eq!(timestamp::parse(text).ok(), chrono.ok(), "{text}");
        }
        for bad in [
            "",
            "2026-11-28",
            "2026-02-30T00:00:00Z",
            "2026-11-28T24:00:00Z",
            "2026-11-28T13:31:52.Z",
            "2026-11-28T13:31:5xZ",
            "2026-11-28T13:31:52ZZ",
        ] {
            let chrono: Result<Timestamp, _> = bad.parse();
            assert!(timestamp::parse(bad).is_err() && chrono.is_err(), "{bad}");
        }
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Stamped {
        #[serde(with = "timestamp")]
        at: Timestamp,
        #[serde(
            default,
            with = "timestamp::option",
            skip_serializing_if = "Option::is_none"
        )]
        maybe: Option<Timestamp>,
    }

    #[test]
    fn timestamp_fields_round_trip() {
        let t: Stamped =
            serde_json::from_str(r#"{"at":"2026-11-28T13:31:52.5Z","maybe":null}"#).unwrap();
        assert_eq!(t.at.timestamp_subsec_millis(), 500);
        assert_eq!(t.maybe, None);
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"{"at":"2026-11-28T13:31:52.500Z"}"#);
        assert_eq!(serde_json::from_str::<Stamped>(&json).unwrap(), t);
        assert!(serde_json::from_str::<Stamped>(r#"{"at":"yesterday"}"#).is_err());
        let with_some: Stamped =
            serde_json::from_str(r#"{"at":"2026-11-28T13:31:52Z","maybe":"2026-11-28T13:31:53Z"}"#)
                .unwrap();
        assert_eq!(
            with_some.maybe.map(|m| (m - with_some.at).num_seconds()),
            Some(1)
        );
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Limits {
        #[serde(with = "super::int64")]
        count: i64,
        #[serde(
            default,
            with = "super::int64::option",
            skip_serializing_if = "Option::is_none"
        )]
        limit: Option<i64>,
        #[serde(with = "super::duration")]
        window: Duration,
    }

    #[test]
    fn int64_is_written_as_a_string_and_read_from_either_form() {
        let v = Limits {
            count: 9_007_199_254_740_993,
            limit: Some(2),
            window: Duration::from_secs(21600),
        };
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(
            text,
            r#"{"count":"9007199254740993","limit":"2","window":"21600s"}"#
        );
        assert_eq!(serde_json::from_str::<Limits>(&text).unwrap(), v);
        let numeric: Limits =
            serde_json::from_str(r#"{"count":5,"limit":null,"window":"1.5s"}"#).unwrap();
        assert_eq!(
            numeric,
            Limits {
                count: 5,
                limit: None,
                window: Duration::from_millis(1500)
            }
        );
    }

    #[test]
    fn absent_optional_int64_is_omitted() {
        let v = Limits {
            count: 1,
            limit: None,
            window: Duration::ZERO,
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"count":"1","window":"0s"}"#
        );
    }

    #[test]
    fn rejects_non_numeric_int64_strings() {
        let err = serde_json::from_str::<Limits>(r#"{"count":"two","window":"1s"}"#).unwrap_err();
        assert!(err.to_string().contains("int64"), "{err}");
    }

    #[test]
    fn int64_reads_numbers_and_strings_in_options_too() {
        let read = |json: &str| serde_json::from_str::<Limits>(json).map(|l| (l.count, l.limit));
        assert_eq!(
            read(r#"{"count":"-3","limit":7,"window":"1s"}"#).unwrap(),
            (-3, Some(7))
        );
        assert_eq!(
            read(r#"{"count":-3,"limit":" 8 ","window":"1s"}"#).unwrap(),
            (-3, Some(8))
        );
        assert_eq!(read(r#"{"count":0,"window":"1s"}"#).unwrap(), (0, None));
        for bad in [
            r#"{"count":18446744073709551615,"window":"1s"}"#,
            r#"{"count":true,"window":"1s"}"#,
            r#"{"count":1.5,"window":"1s"}"#,
            r#"{"count":1,"limit":[],"window":"1s"}"#,
            r#"{"count":1,"limit":"x","window":"1s"}"#,
        ] {
            let err = read(bad).unwrap_err();
            assert!(err.to_string().contains("int64"), "{bad}: {err}");
        }
    }

    #[test]
    fn duration_parse_and_format_round_trip() {
        for text in ["0s", "172800s", "1.5s", "0.000000001s"] {
            let d = super::duration::parse(text).unwrap();
            assert_eq!(super::duration::format(&d), text);
        }
        for bad in ["", "s", "10", "-1s", "1.2.3s", "1.0000000001s", "abcs"] {
            assert!(super::duration::parse(bad).is_err(), "{bad}");
        }
    }

    crate::wire_enum! {
        enum Colour { Red = "RED", Green = "GREEN" }
    }

    #[test]
    fn unknown_enum_values_survive_a_round_trip() {
        let c: Colour = serde_json::from_str("\"PURPLE\"").unwrap();
        assert_eq!(c, Colour::Unknown("PURPLE".into()));
        assert!(!c.is_known());
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"PURPLE\"");
        assert_eq!(Colour::KNOWN, &[Colour::Red, Colour::Green]);
        assert_eq!("GREEN".parse::<Colour>().unwrap(), Colour::Green);
    }
}

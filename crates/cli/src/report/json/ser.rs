//! A serde serializer that writes JSON into a `Vec<u8>`, byte for byte as
//! `serde_json::to_writer` (compact) and `to_writer_pretty` do.
//!
//! It exists for one reason: serde_json escapes strings a byte at a time
//! through a table, with no hook to replace that loop, and strings are most of
//! a report. This serializer writes strings with [`super::escape`] and hands
//! everything else (punctuation, numbers via zmij and itoa) to a serde_json
//! [`Formatter`]: serde_json's own `CompactFormatter`, or [`Pretty`], a copy
//! of its `PrettyFormatter` that writes each line break with its indentation
//! at once. Layout and number spelling stay serde_json's. The report model
//! keeps its `#[derive(Serialize)]` and stays the one description of the
//! schema.

use std::fmt::{self, Display};
use std::io;

use serde::Serialize;
use serde::ser;
use serde_json::ser::{CompactFormatter, Formatter};

use super::escape::{write_compact_key, write_key, write_str};
use super::pretty::Pretty;

/// Appends `value` as compact JSON (`serde_json::to_writer`).
pub(crate) fn write_compact<T: ?Sized + Serialize>(out: &mut Vec<u8>, value: &T) -> io::Result<()> {
    let mut ser = Serializer {
        out,
        fmt: CompactFormatter,
    };
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// Appends `value` as pretty JSON, two-space indent (`serde_json::to_writer_pretty`).
pub(crate) fn write_pretty<T: ?Sized + Serialize>(out: &mut Vec<u8>, value: &T) -> io::Result<()> {
    let mut ser = Serializer {
        out,
        fmt: Pretty::default(),
    };
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// Why a value could not be written: a `Serialize` impl failed, or a map key
/// was not a string (JSON keys are strings; serde_json would quote a number,
/// nothing in a report has one, so this refuses rather than guess).
/// Boxed, so that the `Result<(), Error>` every serializer call returns fits
/// in a register.
#[derive(Debug)]
pub(crate) struct Error(Box<str>);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Error {
        Error(msg.to_string().into())
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error(e.to_string().into())
    }
}

impl From<Error> for io::Error {
    fn from(e: Error) -> io::Error {
        io::Error::other(e)
    }
}

type Result<T = ()> = std::result::Result<T, Error>;

/// The two formatters this serializer drives. Compact output writes a
/// struct field's `,"key":` in one step (see [`write_compact_key`]): through
/// the formatter it is three appends with a capacity check each, and a
/// report has some 200,000 fields.
trait Layout: Formatter {
    const COMPACT: bool;
}

impl Layout for CompactFormatter {
    const COMPACT: bool = true;
}

impl Layout for Pretty {
    const COMPACT: bool = false;
}

struct Serializer<'o, F> {
    out: &'o mut Vec<u8>,
    fmt: F,
}

impl<F: Layout> Serializer<'_, F> {
    /// `{"variant":` — the opening of an externally tagged enum variant.
    fn open_variant(&mut self, variant: &str) -> Result {
        self.fmt.begin_object(self.out)?;
        self.fmt.begin_object_key(self.out, true)?;
        write_str(self.out, variant);
        self.fmt.end_object_key(self.out)?;
        Ok(self.fmt.begin_object_value(self.out)?)
    }

    /// The closing `}` of an enum variant opened by [`Self::open_variant`].
    fn close_variant(&mut self) -> Result {
        self.fmt.end_object_value(self.out)?;
        Ok(self.fmt.end_object(self.out)?)
    }
}

/// Writes each integer type through the formatter (itoa).
macro_rules! integers {
    ($($method:ident $write:ident $ty:ty;)*) => {$(
        fn $method(self, v: $ty) -> Result {
            Ok(self.fmt.$write(self.out, v)?)
        }
    )*};
}

impl<'s, 'o, F: Layout> ser::Serializer for &'s mut Serializer<'o, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'s, 'o, F>;
    type SerializeTuple = Compound<'s, 'o, F>;
    type SerializeTupleStruct = Compound<'s, 'o, F>;
    type SerializeTupleVariant = Compound<'s, 'o, F>;
    type SerializeMap = Compound<'s, 'o, F>;
    type SerializeStruct = Compound<'s, 'o, F>;
    type SerializeStructVariant = Compound<'s, 'o, F>;

    fn serialize_bool(self, v: bool) -> Result {
        Ok(self.fmt.write_bool(self.out, v)?)
    }

    integers! {
        serialize_i8 write_i8 i8;
        serialize_i16 write_i16 i16;
        serialize_i32 write_i32 i32;
        serialize_i64 write_i64 i64;
        serialize_i128 write_i128 i128;
        serialize_u8 write_u8 u8;
        serialize_u16 write_u16 u16;
        serialize_u32 write_u32 u32;
        serialize_u64 write_u64 u64;
        serialize_u128 write_u128 u128;
    }

    /// Like serde_json: NaN and infinities are `null`.
    fn serialize_f32(self, v: f32) -> Result {
        if v.is_finite() {
            Ok(self.fmt.write_f32(self.out, v)?)
        } else {
            Ok(self.fmt.write_null(self.out)?)
        }
    }

    fn serialize_f64(self, v: f64) -> Result {
        if v.is_finite() {
            Ok(self.fmt.write_f64(self.out, v)?)
        } else {
            Ok(self.fmt.write_null(self.out)?)
        }
    }

    fn serialize_char(self, v: char) -> Result {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result {
        write_str(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result {
        Ok(self.fmt.write_byte_array(self.out, v)?)
    }

    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        Ok(self.fmt.write_null(self.out)?)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.open_variant(variant)?;
        value.serialize(&mut *self)?;
        self.close_variant()
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'s, 'o, F>> {
        self.fmt.begin_array(self.out)?;
        let empty = len == Some(0);
        if empty {
            self.fmt.end_array(self.out)?;
        }
        Ok(Compound::new(self, empty))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'s, 'o, F>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'s, 'o, F>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'s, 'o, F>> {
        self.open_variant(variant)?;
        let mut c = self.serialize_seq(Some(len))?;
        c.variant = true;
        Ok(c)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'s, 'o, F>> {
        self.fmt.begin_object(self.out)?;
        let empty = len == Some(0);
        if empty {
            self.fmt.end_object(self.out)?;
        }
        Ok(Compound::new(self, empty))
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'s, 'o, F>> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'s, 'o, F>> {
        self.open_variant(variant)?;
        let mut c = self.serialize_map(Some(len))?;
        c.variant = true;
        Ok(c)
    }
}

#[derive(PartialEq, Eq)]
enum State {
    /// Opened and closed already (a length of zero was announced).
    Empty,
    First,
    Rest,
}

/// An array or object being written.
struct Compound<'s, 'o, F> {
    ser: &'s mut Serializer<'o, F>,
    state: State,
    /// Inside an enum variant's `{"variant": …}`, closed after the value.
    variant: bool,
}

impl<'s, 'o, F: Layout> Compound<'s, 'o, F> {
    /// A compound whose opening bracket is written (and its closing one too when `empty`).
    fn new(ser: &'s mut Serializer<'o, F>, empty: bool) -> Compound<'s, 'o, F> {
        Compound {
            ser,
            state: if empty { State::Empty } else { State::First },
            variant: false,
        }
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        let ser = &mut *self.ser;
        ser.fmt
            .begin_array_value(ser.out, self.state == State::First)?;
        self.state = State::Rest;
        value.serialize(&mut *ser)?;
        Ok(ser.fmt.end_array_value(ser.out)?)
    }

    fn end_array(self) -> Result {
        if self.state != State::Empty {
            self.ser.fmt.end_array(self.ser.out)?;
        }
        if self.variant {
            self.ser.close_variant()?;
        }
        Ok(())
    }

    /// One struct field; inlined into each derived `serialize` so that
    /// [`write_key`] sees the field name as a constant.
    #[inline(always)]
    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        let ser = &mut *self.ser;
        let first = self.state == State::First;
        self.state = State::Rest;
        if F::COMPACT {
            // What CompactFormatter writes around a key and before a value;
            // it writes nothing after one.
            write_compact_key(ser.out, key, first);
            return value.serialize(&mut *ser);
        }
        ser.fmt.begin_object_key(ser.out, first)?;
        write_key(ser.out, key);
        ser.fmt.end_object_key(ser.out)?;
        ser::SerializeMap::serialize_value(self, value)
    }

    fn end_object(self) -> Result {
        if self.state != State::Empty {
            self.ser.fmt.end_object(self.ser.out)?;
        }
        if self.variant {
            self.ser.close_variant()?;
        }
        Ok(())
    }
}

/// Sequences, tuples, tuple structs and tuple variants are all JSON arrays:
/// one impl each, as serde asks, generated from one shape.
macro_rules! array_compound {
    ($($trait:ident :: $method:ident),* $(,)?) => {$(
        impl<F: Layout> ser::$trait for Compound<'_, '_, F> {
            type Ok = ();
            type Error = Error;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
                self.element(value)
            }

            fn end(self) -> Result {
                self.end_array()
            }
        }
    )*};
}

array_compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

impl<F: Layout> ser::SerializeMap for Compound<'_, '_, F> {
    type Ok = ();
    type Error = Error;

    /// Keys are written by the value serializer and must come out as strings.
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        let ser = &mut *self.ser;
        ser.fmt
            .begin_object_key(ser.out, self.state == State::First)?;
        self.state = State::Rest;
        let start = ser.out.len();
        key.serialize(&mut *ser)?;
        if ser.out.get(start) != Some(&b'"') {
            return Err(Error("a JSON object key must be a string".into()));
        }
        Ok(ser.fmt.end_object_key(ser.out)?)
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        let ser = &mut *self.ser;
        ser.fmt.begin_object_value(ser.out)?;
        value.serialize(&mut *ser)?;
        Ok(ser.fmt.end_object_value(ser.out)?)
    }

    fn end(self) -> Result {
        self.end_object()
    }
}

/// Structs and struct variants: fields written by name, as objects.
macro_rules! struct_compound {
    ($($trait:ident),* $(,)?) => {$(
        impl<F: Layout> ser::$trait for Compound<'_, '_, F> {
            type Ok = ();
            type Error = Error;

            #[inline(always)]
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result {
                self.field(key, value)
            }

            fn end(self) -> Result {
                self.end_object()
            }
        }
    )*};
}

struct_compound!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::{write_compact, write_pretty};

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(i32, f64),
        Struct { a: Option<&'static str>, b: Vec<u8> },
        EmptyTuple(),
        EmptyStruct {},
    }

    #[derive(Serialize)]
    struct Pair(usize, usize);

    #[derive(Serialize)]
    struct Empty {}

    #[derive(Serialize)]
    struct Newtype(&'static str);

    #[derive(Serialize)]
    struct Everything {
        text: &'static str,
        ch: char,
        flag: bool,
        small: i8,
        big: u128,
        neg: i64,
        floats: Vec<f64>,
        single: f32,
        nothing: Option<u8>,
        unit: (),
        pair: Pair,
        empty: Empty,
        empty_list: Vec<u8>,
        nested: Vec<Vec<Pair>>,
        shapes: Vec<Shape>,
        newtype: Newtype,
        map: BTreeMap<&'static str, Vec<u8>>,
        empty_map: BTreeMap<String, u8>,
        value: serde_json::Value,
        bytes: serde_bytes_like::Bytes,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        /// A field name that needs escaping takes the general key path.
        #[serde(rename = "we\"ird\nkey")]
        weird: u8,
    }

    /// `serialize_bytes` without a serde_bytes dependency.
    mod serde_bytes_like {
        pub(super) struct Bytes(pub(super) &'static [u8]);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
    }

    fn everything() -> Everything {
        Everything {
            text: "line\none \"two\" \\ — é\u{1}",
            ch: '"',
            flag: true,
            small: -8,
            big: u128::MAX,
            neg: i64::MIN,
            floats: vec![
                0.0,
                -0.0,
                0.1,
                1e300,
                -2.5e-8,
                12345.6789,
                f64::NAN,
                f64::INFINITY,
            ],
            single: 0.3,
            nothing: None,
            unit: (),
            pair: Pair(4, 17),
            empty: Empty {},
            empty_list: vec![],
            nested: vec![vec![], vec![Pair(1, 2), Pair(3, 4)]],
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(7),
                Shape::Tuple(-1, 0.5),
                Shape::Struct {
                    a: Some("x"),
                    b: vec![1, 2],
                },
                Shape::EmptyTuple(),
                Shape::EmptyStruct {},
            ],
            newtype: Newtype("inner"),
            map: BTreeMap::from([("k\"ey", vec![1]), ("z", vec![])]),
            empty_map: BTreeMap::new(),
            value: serde_json::json!({"a": [1, -2, 3.5, null, true, "s\t"], "b": {}, "c": []}),
            bytes: serde_bytes_like::Bytes(b"\x00\xff"),
            skipped: None,
            weird: 1,
        }
    }

    #[test]
    fn compact_matches_serde_json() {
        let mut out = b"prefix".to_vec();
        write_compact(&mut out, &everything()).unwrap();
        let mut want = b"prefix".to_vec();
        serde_json::to_writer(&mut want, &everything()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(want).unwrap()
        );
    }

    #[test]
    fn pretty_matches_serde_json() {
        let mut out = Vec::new();
        write_pretty(&mut out, &everything()).unwrap();
        let want = serde_json::to_string_pretty(&everything()).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }

    #[test]
    fn non_string_keys_are_refused() {
        let map = BTreeMap::from([(1, 2)]);
        assert!(write_compact(&mut Vec::new(), &map).is_err());
    }
}

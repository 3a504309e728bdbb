//! The meeting package (`.motebok.json`, FORMAT.md): read, validate, write.

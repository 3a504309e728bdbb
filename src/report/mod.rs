//! Documents (notice, minutes, public minutes, archive copy) rendered to PDF from model values.

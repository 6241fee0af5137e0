#include "store/unit_codec.h"

#include "util/error.h"

namespace tmkit {

void PutBigEndian64(std::string* out, uint64_t v) {
  char buf[8];
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>((v >> (56 - 8 * i)) & 0xFF);
  out->append(buf, 8);
}

uint64_t GetBigEndian64(std::string_view data) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8 && i < data.size(); ++i) v = (v << 8) | static_cast<unsigned char>(data[i]);
  return v;
}

namespace {

void PutString(std::string* out, std::string_view s) {
  PutVarint(out, s.size());
  out->append(s);
}

void PutAttrs(std::string* out, const Attrs& attrs) {
  PutVarint(out, attrs.size());
  for (const Attr& a : attrs) {
    PutString(out, a.name);
    PutString(out, a.value);
  }
}

void PutAnnotations(std::string* out, const std::vector<Annotation>& list) {
  PutVarint(out, list.size());
  for (const Annotation& a : list) {
    out->push_back(static_cast<char>(a.kind));
    PutAttrs(out, a.attrs);
    PutString(out, a.text);
  }
}

class Decoder {
 public:
  explicit Decoder(std::string_view data) : p_(data.data()), end_(data.data() + data.size()) {}

  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ >= end_) Corrupt();
      auto b = static_cast<unsigned char>(*p_++);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) return v;
    }
    Corrupt();
  }
  std::string String() {
    uint64_t n = Varint();
    if (n > static_cast<uint64_t>(end_ - p_)) Corrupt();
    std::string s(p_, n);
    p_ += n;
    return s;
  }
  uint8_t Byte() {
    if (p_ >= end_) Corrupt();
    return static_cast<uint8_t>(*p_++);
  }
  // A count of items, each at least one byte long.
  size_t Count() {
    uint64_t n = Varint();
    if (n > static_cast<uint64_t>(end_ - p_)) Corrupt();
    return static_cast<size_t>(n);
  }
  Attrs AttrList() {
    Attrs attrs(Count());
    for (Attr& a : attrs) {
      a.name = String();
      a.value = String();
    }
    return attrs;
  }
  std::vector<Annotation> Annotations() {
    std::vector<Annotation> list(Count());
    for (Annotation& a : list) {
      uint8_t kind = Byte();
      if (kind > 1) Corrupt();
      a.kind = static_cast<Annotation::Kind>(kind);
      a.attrs = AttrList();
      a.text = String();
    }
    return list;
  }
  bool AtEnd() const { return p_ == end_; }
  [[noreturn]] static void Corrupt() {
    throw Error(Error::Kind::kStore, "corrupt unit record in the store");
  }

 private:
  const char* p_;
  const char* end_;
};

}  // namespace

namespace {

// At least the bytes EncodeUnit writes for what these hold (a varint of a size takes at most
// 5 bytes below 4 GB, of a count at most 10).
size_t SizeBound(const Attrs& attrs) {
  size_t n = 10;
  for (const Attr& a : attrs) n += a.name.size() + a.value.size() + 20;
  return n;
}
size_t SizeBound(const std::vector<Annotation>& list) {
  size_t n = 10;
  for (const Annotation& a : list) n += 1 + SizeBound(a.attrs) + a.text.size() + 10;
  return n;
}

}  // namespace

void EncodeUnit(const Unit& unit, std::string* out) {
  // Sized once: appending field by field would copy the record as it grew.
  size_t bound = SizeBound(unit.attrs) + SizeBound(unit.annotations) + 10;
  for (const Variant& v : unit.variants) {
    bound += v.lang.size() + SizeBound(v.attrs) + SizeBound(v.annotations) + v.seg.size() + 20;
  }
  out->reserve(out->size() + bound);
  PutAttrs(out, unit.attrs);
  PutAnnotations(out, unit.annotations);
  PutVarint(out, unit.variants.size());
  for (const Variant& v : unit.variants) {
    PutString(out, v.lang);
    PutAttrs(out, v.attrs);
    PutAnnotations(out, v.annotations);
    PutString(out, v.seg);
  }
}

void DecodeUnit(std::string_view data, Unit* unit) {
  Decoder d(data);
  unit->attrs = d.AttrList();
  unit->annotations = d.Annotations();
  unit->variants.resize(d.Count());
  for (Variant& v : unit->variants) {
    v.lang = d.String();
    v.attrs = d.AttrList();
    v.annotations = d.Annotations();
    v.seg = d.String();
  }
  if (!d.AtEnd()) Decoder::Corrupt();
}

}  // namespace tmkit

#pragma once
// Documents (Dokumenty spółdzielni) as the service hands them out: categories, documents and their PDF versions.
// Times are unix seconds. Version numbers start at 1; the highest is the current version.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/core/actor.hpp"
#include "daemon/core/page.hpp"

namespace osiedle::documents {

using osiedle::Actor;
using osiedle::Page;
using osiedle::Viewer;

struct Category {
  uint64_t id = 0;
  std::string name;  // 1..100 code points, unique by slug
  std::string slug;  // derived from the name: folded, [a-z0-9-]
  int64_t position = 0;
  bool statutory = false;  // one the cooperative must publish for its members
};

struct CategoryInput {
  std::string name;
  std::optional<int64_t> position;  // none = after the last category (create) / unchanged (update)
  bool statutory = false;
};

struct CategoryView {
  Category category;
  uint64_t count = 0;  // documents in it that the viewer may see
};

struct Version {
  uint64_t n = 0;
  std::string upload_id;  // uploads id of a PDF
  std::string filename;   // sanitised, ends in ".pdf"
  std::string note;       // 0..500
  uint64_t size = 0;
  uint64_t uploaded_by = 0;
  int64_t uploaded_at = 0;
  uint64_t downloads = 0;  // not stored in the record: filled on read
};

// What staff give for a new version (or the first one).
struct VersionInput {
  std::string upload_id;
  std::string filename;
  std::string note;
};

// What staff give to create or replace a document's metadata.
struct DocumentInput {
  std::string title;        // 1..200
  std::string description;  // 0..2000
  uint64_t category_id = 0;
  std::vector<uint64_t> groups;  // target groups; empty = every logged-in user
};

struct Document {
  uint64_t id = 0;
  std::string title;
  std::string description;
  uint64_t category_id = 0;
  std::vector<uint64_t> groups;  // ascending
  uint64_t current = 0;          // n of the current (newest) version
  uint64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;  // metadata change or new version
};

// One document as a list or a reader sees it.
struct DocumentView {
  Document doc;
  std::string category;  // the category's name
  Version current;
  uint64_t downloads = 0;         // all versions together
  std::vector<Version> versions;  // newest first; filled by Service::Get for staff only
};

struct ListQuery {
  uint64_t category_id = 0;  // 0 = every category
  std::string q;             // word prefixes of the title, ≤ 200 code points; "" = no filter
  uint64_t offset = 0;
  uint64_t limit = 0;
};

// A file to stream: the caller was allowed and the download was counted.
struct DownloadFile {
  std::string path;      // FileStore path of the PDF
  std::string filename;  // sanitised version filename
  uint64_t size = 0;
};

}  // namespace osiedle::documents

#include <pgsplit/pg/quote.hpp>
#include <pgsplit/plan/projection.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>

namespace pgsplit::schema::detail {
namespace {

// Every option written out, so the target's sequence behaves like the source's whatever the
// defaults of its type. The current value is not set here: the copy engine calls setval.
std::string sequence_options(const catalog::Sequence& sequence) {
  return fmt::format("START WITH {} INCREMENT BY {} MINVALUE {} MAXVALUE {} CACHE {}{}",
                     sequence.start, sequence.increment, sequence.minimum, sequence.maximum,
                     sequence.cache, sequence.cycle ? " CYCLE" : " NO CYCLE");
}

} // namespace

void add_sequence(std::vector<Statement>& out, const catalog::Sequence& sequence) {
  const std::string name = pg::quote_qualified(sequence.name.schema, sequence.name.name);
  out.push_back(statement(fmt::format("CREATE SEQUENCE {} AS {} {}", name, sequence.data_type,
                                      sequence_options(sequence)),
                          "sequence " + sequence.name.to_string()));
  add_comment(out, "SEQUENCE " + name, "sequence " + sequence.name.to_string(), sequence.comment);
}

std::string identity_options(const catalog::Sequence& sequence, const std::string& schema) {
  return fmt::format("SEQUENCE NAME {} {}", pg::quote_qualified(schema, sequence.name.name),
                     sequence_options(sequence));
}

// OWNED BY once the owning table exists, so that dropping the column (or table) in the target
// drops its sequence as in the source. A sequence whose owner went to another target (a
// shared sequence, say) stays free-standing here, and so does one whose table moved to another
// schema: PostgreSQL wants a sequence and its owning table in the same schema.
void add_sequence_ownership(std::vector<Statement>& out, Context& context) {
  for (const catalog::Oid oid : context.target().sequences) {
    const auto* sequence = context.catalog().find_sequence(oid);
    if (sequence == nullptr || !sequence->owner_table || !sequence->owner_column) {
      continue;
    }
    const auto* owner = context.target_name_of(*sequence->owner_table);
    if (owner == nullptr) {
      continue;
    }
    if (owner->schema != sequence->name.schema) {
      context.note(fmt::format("sequence {} is not OWNED BY {}.{}: the table moved to schema {}",
                               sequence->name.to_string(), owner->to_string(),
                               *sequence->owner_column, owner->schema));
      continue;
    }
    // The column as the target names it (a mapping may rename or drop it).
    std::string column = *sequence->owner_column;
    for (const auto& table : context.tables()) {
      if (table.placed->table == *sequence->owner_table) {
        column = plan::target_column_name(*table.placed, column);
        break;
      }
    }
    if (column.empty()) {
      context.note(fmt::format("sequence {} is not OWNED BY {}.{}: the mapping drops the column",
                               sequence->name.to_string(), owner->to_string(),
                               *sequence->owner_column));
      continue;
    }
    out.push_back(
        statement(fmt::format("ALTER SEQUENCE {} OWNED BY {}.{}",
                              pg::quote_qualified(sequence->name.schema, sequence->name.name),
                              context.quoted(*sequence->owner_table), pg::quote_ident(column)),
                  fmt::format("ownership of sequence {}", sequence->name.to_string())));
  }
}

} // namespace pgsplit::schema::detail

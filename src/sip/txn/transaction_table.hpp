#pragma once
// The live transactions by id, their matching index, and the retired ones
// waiting to be destroyed once no call into the layer is on the stack.
#include <cstddef>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "client_transaction.hpp"
#include "matching.hpp"
#include "server_transaction.hpp"

namespace rtcsip::sip::txn {

class TransactionTable {
 public:
  TransactionTable() = default;
  TransactionTable(const TransactionTable&) = delete;
  TransactionTable& operator=(const TransactionTable&) = delete;

  // The key's views point into the transaction's own request. A client key
  // must be free (branches are unique); a server key that is taken (an RFC
  // 2543 request that differs only in its To tag) leaves the transaction
  // reachable by id only.
  bool add_client(std::unique_ptr<ClientTransaction> txn, const MatchKey& key);
  void add_server(std::unique_ptr<ServerTransaction> txn, std::optional<MatchKey> key);

  [[nodiscard]] ClientTransaction* client(TransactionId id) const;
  [[nodiscard]] ServerTransaction* server(TransactionId id) const;
  [[nodiscard]] ClientTransaction* find_client(const MatchKey& key) const;
  [[nodiscard]] ServerTransaction* find_server(const MatchKey& key) const;

  // Removes the transaction from the tables; the object is kept until sweep().
  void retire(TransactionId id);
  // Destroys the retired transactions.
  void sweep();

  [[nodiscard]] std::size_t client_count() const { return clients_.size(); }
  [[nodiscard]] std::size_t server_count() const { return servers_.size(); }

 private:
  template <class T>
  struct Slot {
    std::unique_ptr<T> txn;
    std::optional<MatchKey> key;  // present when it is in the index
  };
  using Index = std::unordered_map<MatchKey, TransactionId, MatchKeyHash>;

  template <class T>
  static void retire_from(std::unordered_map<TransactionId, Slot<T>>& slots, Index& index, TransactionId id,
                          std::vector<std::unique_ptr<T>>& retired);

  std::unordered_map<TransactionId, Slot<ClientTransaction>> clients_;
  std::unordered_map<TransactionId, Slot<ServerTransaction>> servers_;
  Index client_index_;
  Index server_index_;
  std::vector<std::unique_ptr<ClientTransaction>> retired_clients_;
  std::vector<std::unique_ptr<ServerTransaction>> retired_servers_;
};

}  // namespace rtcsip::sip::txn

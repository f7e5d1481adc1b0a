#include "transaction_table.hpp"

#include <utility>

namespace rtcsip::sip::txn {

bool TransactionTable::add_client(std::unique_ptr<ClientTransaction> txn, const MatchKey& key) {
  const TransactionId id = txn->id();
  if (!client_index_.emplace(key, id).second) return false;
  clients_.emplace(id, Slot<ClientTransaction>{std::move(txn), key});
  return true;
}

void TransactionTable::add_server(std::unique_ptr<ServerTransaction> txn, std::optional<MatchKey> key) {
  const TransactionId id = txn->id();
  if (key && !server_index_.emplace(*key, id).second) key.reset();
  servers_.emplace(id, Slot<ServerTransaction>{std::move(txn), key});
}

ClientTransaction* TransactionTable::client(TransactionId id) const {
  auto it = clients_.find(id);
  return it == clients_.end() ? nullptr : it->second.txn.get();
}

ServerTransaction* TransactionTable::server(TransactionId id) const {
  auto it = servers_.find(id);
  return it == servers_.end() ? nullptr : it->second.txn.get();
}

ClientTransaction* TransactionTable::find_client(const MatchKey& key) const {
  auto it = client_index_.find(key);
  return it == client_index_.end() ? nullptr : client(it->second);
}

ServerTransaction* TransactionTable::find_server(const MatchKey& key) const {
  auto it = server_index_.find(key);
  return it == server_index_.end() ? nullptr : server(it->second);
}

template <class T>
void TransactionTable::retire_from(std::unordered_map<TransactionId, Slot<T>>& slots, Index& index,
                                   TransactionId id, std::vector<std::unique_ptr<T>>& retired) {
  auto it = slots.find(id);
  if (it == slots.end()) return;
  // The index entry first: its key views the transaction's request.
  if (it->second.key) index.erase(*it->second.key);
  retired.push_back(std::move(it->second.txn));
  slots.erase(it);
}

void TransactionTable::retire(TransactionId id) {
  retire_from(clients_, client_index_, id, retired_clients_);
  retire_from(servers_, server_index_, id, retired_servers_);
}

void TransactionTable::sweep() {
  // A transaction's destructor only cancels its timers: nothing calls back.
  retired_clients_.clear();
  retired_servers_.clear();
}

}  // namespace rtcsip::sip::txn

class CreateOrders < ActiveRecord::Migration[6.1]
end

class CreateProducts < ActiveRecord::Migration[6.1]
end
